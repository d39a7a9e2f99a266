using HeartsMinds.Community.Features.Registrations;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// Someone who joined a board: a confirmed attendee from their own link, or someone with the session code and a
/// name. Their browser holds a pass (<see cref="BoardPass"/>): a cookie the app protected, naming this row.
/// </summary>
public sealed class BoardParticipant
{
    public long Id { get; set; }
    public long BoardId { get; set; }
    public Board Board { get; set; } = null!;

    /// <summary>The place they joined from; null when they joined with the session code.</summary>
    public long? AttendeeId { get; set; }
    public Attendee? Attendee { get; set; }

    public string DisplayName { get; set; } = "";
    public string Organisation { get; set; } = "";

    /// <summary>Set when a moderator removed them: they can still read nothing, post nothing, vote on nothing.</summary>
    public DateTimeOffset? RemovedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>"Sam Patel, Acacia Family Support": what others see on a named post.</summary>
    public string Byline => Organisation.Length == 0 ? DisplayName : $"{DisplayName}, {Organisation}";
}
