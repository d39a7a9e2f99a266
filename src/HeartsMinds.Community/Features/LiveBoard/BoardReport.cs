namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>A participant asked a moderator to look at a post; one report per participant per post.</summary>
public sealed class BoardReport
{
    public long PostId { get; set; }
    public long ParticipantId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
