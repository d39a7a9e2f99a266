using HeartsMinds.Community.Features.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Reminders;

/// <summary>
/// A reminder that has been written to the outbox for one attendee. Its unique key (attendee, reminder, the event's
/// start) is what makes each reminder go once, whichever instance gets there first; the start is part of the key so
/// that when an event moves, the reminder for its new time is a new one.
/// </summary>
public sealed class ReminderSent
{
    public long Id { get; set; }
    public long AttendeeId { get; set; }
    public string ReminderKey { get; set; } = "";
    public DateTimeOffset EventStartsAt { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
