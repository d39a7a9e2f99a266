using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Events;

/// <summary>
/// One session people can register for: a Conversation Space session (online, usually one of a series) or a
/// face-to-face event. Times are instants (UTC); <see cref="TimeZoneId"/> says how to show them.
/// </summary>
public sealed class Event
{
    public long Id { get; set; }

    /// <summary>The calendar UID: never changes, so invites, updates and cancellations match up.</summary>
    public Guid Uid { get; set; } = Guid.NewGuid();

    /// <summary>Raised whenever something a calendar shows changes (time, place, joining link, cancellation).</summary>
    public int Sequence { get; set; }

    public EventKind Kind { get; set; }
    public EventStatus Status { get; set; } = EventStatus.Draft;

    public long? SeriesId { get; set; }
    public ConversationSpaceSeries? Series { get; set; }

    /// <summary>The series date this session stands for (local date), even when staff have moved it.</summary>
    public DateOnly? OccurrenceDate { get; set; }

    /// <summary>Staff changed this session by hand: later edits of the series leave it alone.</summary>
    public bool DetachedFromSeries { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Markdown (raw HTML disabled when rendered).</summary>
    public string Description { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string TimeZoneId { get; set; } = EventTime.UkZoneId;

    /// <summary>Places: each confirmed attendee takes one.</summary>
    public int Capacity { get; set; }
    public bool WaitlistEnabled { get; set; } = true;

    public DateTimeOffset? RegistrationOpensAt { get; set; }
    public DateTimeOffset? RegistrationClosesAt { get; set; }

    /// <summary>The Zoom/Teams link of an online session. Private: only confirmed attendees ever see it.</summary>
    public string? JoiningUrl { get; set; }

    public string? VenueName { get; set; }
    public string? VenueAddress { get; set; }
    public string? VenuePostcode { get; set; }
    public string? MapUrl { get; set; }
    public string? AccessibilityInfo { get; set; }
    public string? ArrivalNotes { get; set; }

    /// <summary>In-person events with food ask attendees about dietary needs.</summary>
    public bool AsksDietaryNeeds { get; set; }

    public string? CancellationReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOnline => Kind == EventKind.ConversationSpace;

    /// <summary>What calendars show has changed: later invitations, downloads and feeds supersede earlier ones.</summary>
    public void CalendarChanged(DateTimeOffset now)
    {
        Sequence++;
        UpdatedAt = now;
    }

    /// <summary>"The Meeting Rooms, 1 Example Street, Birmingham, B1 1AA": the parts that are filled in.</summary>
    public string VenueLine => string.Join(", ", new[] { VenueName, VenueAddress, VenuePostcode }.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>Whether registration is open now, and if not, a sentence that says why.</summary>
    public (bool Open, string? Reason) RegistrationState(DateTimeOffset now) =>
        Status == EventStatus.Cancelled ? (false, "This event has been cancelled.")
        : Status != EventStatus.Published ? (false, "This event is not open for registration.")
        : EndsAt <= now ? (false, "This event has already taken place.")
        : RegistrationOpensAt > now ? (false, $"Registration opens on {EventTime.Describe(RegistrationOpensAt.Value, TimeZoneId)}.")
        : RegistrationClosesAt <= now || StartsAt <= now ? (false, "Registration for this event has closed.")
        : (true, null);
}
