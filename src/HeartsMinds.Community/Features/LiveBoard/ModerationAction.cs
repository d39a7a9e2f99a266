namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>What a moderator can do to one post.</summary>
public enum ModerationAction
{
    Hide, Unhide, Approve, Pin, Unpin, MarkAnswered, MarkUnanswered, ForNewsletter, NotForNewsletter, DismissReports,
}
