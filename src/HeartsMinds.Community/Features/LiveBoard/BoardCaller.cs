namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// Who is asking, for which board: a participant (never a moderator) or a member of staff (always a moderator,
/// never a poster). Made only by <see cref="BoardAccess"/> from the request's pass or staff sign-in.
/// </summary>
public sealed record BoardCaller(long BoardId, long EventId, long? ParticipantId, string? StaffUserId)
{
    public bool IsStaff => StaffUserId is not null;
}
