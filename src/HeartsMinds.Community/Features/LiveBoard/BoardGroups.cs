namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>SignalR group names: everyone on a board, its moderators, and each participant's own screens.</summary>
public static class BoardGroups
{
    public static string Participants(long eventId) => $"board:{eventId}";
    public static string Staff(long eventId) => $"board:{eventId}:staff";
    public static string Participant(long eventId, long participantId) => $"board:{eventId}:participant:{participantId}";
}
