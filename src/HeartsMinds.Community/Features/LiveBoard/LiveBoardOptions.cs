namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>LiveBoard: per-participant limits inside the hub and the board's forms (the HTTP rate limiter sees no hub message).</summary>
public sealed class LiveBoardOptions
{
    public const string Section = "LiveBoard";

    /// <summary>New posts and edits one participant may make per minute (after a burst of three, or a tenth of this if more).</summary>
    public int PostsPerMinute { get; set; } = 5;

    /// <summary>Votes, reports and deletions one participant may make per minute (after a burst of twenty, or a tenth of this if more).</summary>
    public int ActionsPerMinute { get; set; } = 60;
}
