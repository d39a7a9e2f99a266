using Microsoft.AspNetCore.SignalR;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// Sends a committed change to the board's screens: participants' view to the board's group, staff's to the
/// moderators'. Sent after the commit and never allowed to fail the change: the database holds the truth, and a
/// screen that misses a message (a dropped connection, a backplane down) asks for it by number.
/// </summary>
public sealed class BoardBroadcast(IHubContext<BoardHub> hub, BoardConnections connections, ILogger<BoardBroadcast> log)
{
    public const string ChangedMessage = "changed";
    public const string RemovedMessage = "removed";

    public Task PostChangedAsync(long eventId, BoardPost post) => SendAsync(
        eventId, post.Sequence,
        new BoardChange(eventId, post.Sequence, PostView.ForParticipants(post), null),
        new BoardChange(eventId, post.Sequence, PostView.ForStaff(post), null));

    public Task SettingsChangedAsync(long eventId, long sequence, BoardStateView forStaff) => SendAsync(
        eventId, sequence,
        new BoardChange(eventId, sequence, null, forStaff with { SessionCode = null }),
        new BoardChange(eventId, sequence, null, forStaff));

    public async Task ParticipantRemovedAsync(long eventId, long sequence, long participantId)
    {
        await SendAsync(eventId, sequence, new BoardChange(eventId, sequence, null, null), new BoardChange(eventId, sequence, null, null));
        await Try(() => hub.Clients.Group(BoardGroups.Participant(eventId, participantId)).SendAsync(RemovedMessage, eventId), eventId, sequence);
        // Their open screens on this instance stop hearing the board. A screen of theirs on another instance is told and
        // refused every call, but hears broadcasts until it disconnects: this instance doesn't know its connection id.
        foreach (var connectionId in connections.Of(eventId, participantId))
            await Try(() => hub.Groups.RemoveFromGroupAsync(connectionId, BoardGroups.Participants(eventId)), eventId, sequence);
    }

    private async Task SendAsync(long eventId, long sequence, BoardChange forParticipants, BoardChange forStaff)
    {
        await Try(() => hub.Clients.Group(BoardGroups.Participants(eventId)).SendAsync(ChangedMessage, forParticipants), eventId, sequence);
        await Try(() => hub.Clients.Group(BoardGroups.Staff(eventId)).SendAsync(ChangedMessage, forStaff), eventId, sequence);
    }

    private async Task Try(Func<Task> send, long eventId, long sequence)
    {
        try { await send(); }
        catch (Exception exception)
        {
            log.LogWarning(exception, "Board {EventId}: change {Sequence} was not broadcast; screens will fetch it when they next sync", eventId, sequence);
        }
    }
}
