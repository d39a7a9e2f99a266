namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// A post as a screen shows it. Participants get <see cref="Author"/> only for named posts, and no body for a post a
/// moderator removed or is holding; the staff fields (<see cref="PostedBy"/> onwards) are filled only for staff.
/// <see cref="State"/>: "visible", "held", "removed" (hidden by a moderator) or "deleted" (by its author).
/// </summary>
public sealed record PostView(
    long Id, long Sequence, string Kind, string State, string? Body, string? Author, bool Pinned, bool Answered,
    string? Reply, int Votes, DateTimeOffset CreatedAt, bool Edited,
    string? PostedBy = null, long? ParticipantId = null, string? HeldBecause = null, int Reports = 0, bool ForNewsletter = false)
{
    public static PostView ForParticipants(BoardPost post) => new(
        post.Id, post.Sequence, KindName(post.Kind), StateName(post.State),
        post.State == PostState.Visible ? post.Body : null,
        post.State == PostState.Visible && !post.Anonymous ? post.Participant.Byline : null,
        post.Pinned, post.Answered, post.State == PostState.Visible ? post.StaffReply : null, post.Votes, post.CreatedAt,
        post.EditedAt is not null);

    /// <summary>The author's own view of their post: its text even while it waits for a moderator.</summary>
    public static PostView ForAuthor(BoardPost post) =>
        ForParticipants(post) with { Body = post.State is PostState.Visible or PostState.Held ? post.Body : null, Author = post.Anonymous ? null : post.Participant.Byline };

    public static PostView ForStaff(BoardPost post) => new(
        post.Id, post.Sequence, KindName(post.Kind), StateName(post.State), post.State == PostState.Deleted ? null : post.Body,
        post.Anonymous ? null : post.Participant.Byline, post.Pinned, post.Answered, post.StaffReply, post.Votes, post.CreatedAt,
        post.EditedAt is not null, post.Participant.Byline, post.ParticipantId, post.HeldBecause, post.Reports, post.ForNewsletter);

    public static string KindName(PostKind kind) => kind == PostKind.Question ? "question" : "learning";

    public static string StateName(PostState state) => state switch
    {
        PostState.Visible => "visible",
        PostState.Held => "held",
        PostState.Hidden => "removed",
        _ => "deleted",
    };
}
