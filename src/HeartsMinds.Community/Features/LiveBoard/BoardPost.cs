namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>A question or a piece of shared learning on a board.</summary>
public sealed class BoardPost
{
    public const int MaxLength = 1000;
    public const int MaxReplyLength = 500;
    public static readonly TimeSpan EditableFor = TimeSpan.FromMinutes(5);

    public long Id { get; set; }
    public long BoardId { get; set; }
    public long ParticipantId { get; set; }
    public BoardParticipant Participant { get; set; } = null!;

    public PostKind Kind { get; set; }
    public string Body { get; set; } = "";

    /// <summary>Shown to other participants without a name; staff always see who posted.</summary>
    public bool Anonymous { get; set; }

    public PostState State { get; set; }

    /// <summary>Why a held post is held: "pre-moderation" or the watched word it matched.</summary>
    public string? HeldBecause { get; set; }

    public bool Pinned { get; set; }
    public bool Answered { get; set; }
    public string? StaffReply { get; set; }

    public int Votes { get; set; }
    public int Reports { get; set; }

    /// <summary>Staff marked this piece of shared learning for the next newsletter.</summary>
    public bool ForNewsletter { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>The board's sequence number of this post's latest change.</summary>
    public long Sequence { get; set; }

    public bool EditableBy(long participantId, DateTimeOffset now) =>
        ParticipantId == participantId && State is PostState.Visible or PostState.Held && now - CreatedAt < EditableFor;
}
