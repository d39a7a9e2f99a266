namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// One numbered change, as broadcast to a board's screens: a post's new state, the board's new settings, or neither
/// (a change only staff see, sent to participants so that their numbers have no gaps). A screen applies each
/// <see cref="Sequence"/> once and, on a gap it can't fill, asks for everything after the last number it has.
/// </summary>
public sealed record BoardChange(long EventId, long Sequence, PostView? Post, BoardStateView? Board);
