namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>One participant's upvote of one post: the primary key allows one, whatever the clients do.</summary>
public sealed class BoardVote
{
    public long PostId { get; set; }
    public long ParticipantId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
