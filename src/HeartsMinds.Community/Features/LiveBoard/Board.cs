using HeartsMinds.Community.Features.Events;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// An event's live board: questions and shared learning posted during the session. Made the first time anyone
/// opens it. <see cref="LastSequence"/> numbers every change on the board, in the order the changes committed:
/// clients that missed something ask for everything after the last number they saw.
/// </summary>
public sealed class Board
{
    public static readonly TimeSpan OpensBeforeStart = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ClosesAfterEnd = TimeSpan.FromHours(1);

    public long Id { get; set; }
    public long EventId { get; set; }
    public Event Event { get; set; } = null!;

    /// <summary>Staff's own opening and closing times; null means 15 minutes before the start and an hour after the end.</summary>
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }

    /// <summary>New posts wait for a moderator before anyone else sees them.</summary>
    public bool PreModeration { get; set; }

    /// <summary>A short code shared in the meeting chat that lets someone join with a name and organisation; null when off.</summary>
    public string? SessionCode { get; set; }

    public long LastSequence { get; set; }

    /// <summary>The sequence number of the last change to the board's own settings (open, close, pre-moderation).</summary>
    public long SettingsSequence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset OpensAtOr(Event ev) => OpensAt ?? ev.StartsAt - OpensBeforeStart;
    public DateTimeOffset ClosesAtOr(Event ev) => ClosesAt ?? ev.EndsAt + ClosesAfterEnd;

    public BoardPhase PhaseAt(Event ev, DateTimeOffset now) =>
        ev.Status == EventStatus.Cancelled ? BoardPhase.Closed
        : now < OpensAtOr(ev) ? BoardPhase.NotYetOpen
        : now < ClosesAtOr(ev) ? BoardPhase.Open
        : BoardPhase.Closed;
}
