using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Calendar;

/// <summary>
/// A private calendar feed of one organisation's own registrations: every event its contact registered people for.
/// The feed is read-only and has its own token (stored hashed), so the address a calendar app keeps never opens the
/// manage page. One per contact address: asking for a new link replaces the old one.
/// </summary>
public sealed class CalendarFeed
{
    public long Id { get; set; }

    /// <summary>The registrations' contact address, trimmed and lower-cased (as <c>Attendee.KeyOf</c>).</summary>
    public string ContactEmailKey { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
