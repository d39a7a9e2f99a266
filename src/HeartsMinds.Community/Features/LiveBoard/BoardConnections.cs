using System.Collections.Concurrent;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// Which of this instance's connections joined a board as which participant, so that removing someone can take their
/// open connections out of the board's group: telling their screen is not enough, as a screen that ignores the
/// message would otherwise go on hearing every post. Per instance: it knows only this instance's connections.
/// </summary>
public sealed class BoardConnections
{
    private readonly ConcurrentDictionary<(long EventId, long ParticipantId), ConcurrentDictionary<string, bool>> _connections = new();

    public void Add(long eventId, long participantId, string connectionId) =>
        _connections.GetOrAdd((eventId, participantId), _ => new()).TryAdd(connectionId, true);

    public void Forget(long eventId, long participantId, string connectionId)
    {
        if (_connections.TryGetValue((eventId, participantId), out var ids) && ids.TryRemove(connectionId, out _) && ids.IsEmpty)
            _connections.TryRemove(new KeyValuePair<(long, long), ConcurrentDictionary<string, bool>>((eventId, participantId), ids));
    }

    public IReadOnlyList<string> Of(long eventId, long participantId) =>
        _connections.TryGetValue((eventId, participantId), out var ids) ? ids.Keys.ToList() : [];
}
