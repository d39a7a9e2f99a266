namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// Visible to everyone; Held for a moderator (pre-moderation or a watched word), seen only by staff and its author;
/// Hidden by a moderator, shown to others as "removed by a moderator"; Deleted by its author.
/// </summary>
public enum PostState { Visible, Held, Hidden, Deleted }
