namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// Everything on a board changed after a number a screen gave, up to <see cref="UpTo"/> (the board's number when
/// read); with the caller's own posts and votes, which broadcasts don't carry.
/// </summary>
public sealed record BoardSync(long EventId, long UpTo, IReadOnlyList<PostView> Posts, BoardStateView Board,
    IReadOnlyList<long> MyPosts, IReadOnlyList<long> MyVotes, bool Removed);
