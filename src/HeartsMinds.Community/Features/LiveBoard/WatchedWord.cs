namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>A word or phrase that holds a post for a moderator even when pre-moderation is off (all boards).</summary>
public sealed class WatchedWord
{
    public string Word { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
