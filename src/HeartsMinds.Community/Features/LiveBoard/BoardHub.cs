using Microsoft.AspNetCore.SignalR;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// The live board's hub, /hubs/board. A screen first calls <see cref="Join"/> for a board: that checks who is calling
/// (staff sign-in or the participant's pass, read from the connection's own request), puts the connection in the
/// board's group and returns everything after the number the screen last saw. Every other method acts for the
/// caller <see cref="Join"/> found for that board, through the <see cref="BoardDesk"/>, which checks again what this
/// caller may do. A refusal reaches the screen as a HubException with a sentence for the person.
/// </summary>
public sealed class BoardHub(BoardAccess access, BoardDesk desk, BoardConnections connections, ILogger<BoardHub> log) : Hub
{
    public const string Path = "/hubs/board";

    public async Task<BoardSync> Join(long eventId, long afterSequence)
    {
        var answer = await access.ForAsync(Context.GetHttpContext()!, eventId, Context.ConnectionAborted);
        if (answer.Caller is not { } caller)
            throw new HubException(answer.Removed
                ? "A moderator has removed you from this board."
                : "You have not joined this board. Open it from the link in your email, or join with the session code.");
        if (caller.IsStaff)
            await Groups.AddToGroupAsync(Context.ConnectionId, BoardGroups.Staff(eventId));
        else
        {
            connections.Add(eventId, caller.ParticipantId!.Value, Context.ConnectionId);
            await Groups.AddToGroupAsync(Context.ConnectionId, BoardGroups.Participants(eventId));
            await Groups.AddToGroupAsync(Context.ConnectionId, BoardGroups.Participant(eventId, caller.ParticipantId!.Value));
        }
        Context.Items[eventId] = caller;
        var sync = await desk.SyncAsync(caller, afterSequence, Context.ConnectionAborted);
        if (sync.Removed)
        {
            // Removed between the check above and joining the group: the removal may not have seen this connection.
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, BoardGroups.Participants(eventId));
            Context.Items.Remove(eventId);
            throw new HubException("A moderator has removed you from this board.");
        }
        return sync;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var caller in Context.Items.Values.OfType<BoardCaller>())
            if (caller.ParticipantId is { } participantId) connections.Forget(caller.EventId, participantId, Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public Task<BoardSync> Sync(long eventId, long afterSequence) =>
        Act(eventId, caller => desk.SyncAsync(caller, afterSequence, Context.ConnectionAborted));

    public Task<PostView> Post(long eventId, string kind, string body, bool anonymous) =>
        Act(eventId, caller => desk.PostAsync(caller, ParseKind(kind), body, anonymous, Context.ConnectionAborted));

    public Task<PostView> Edit(long eventId, long postId, string body) =>
        Act(eventId, caller => desk.EditAsync(caller, postId, body, Context.ConnectionAborted));

    public Task<PostView> Delete(long eventId, long postId) =>
        Act(eventId, caller => desk.DeleteAsync(caller, postId, Context.ConnectionAborted));

    public Task<PostView> Vote(long eventId, long postId, bool up) =>
        Act(eventId, caller => desk.VoteAsync(caller, postId, up, Context.ConnectionAborted));

    public Task<PostView> Report(long eventId, long postId) =>
        Act(eventId, caller => desk.ReportAsync(caller, postId, Context.ConnectionAborted));

    public Task<PostView> Moderate(long eventId, long postId, string action) =>
        Act(eventId, caller => desk.ModerateAsync(caller, postId,
            Enum.TryParse<ModerationAction>(action, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed : throw new BoardRefusedException("There is no such moderation action."), Context.ConnectionAborted));

    public Task<PostView> Reply(long eventId, long postId, string text) =>
        Act(eventId, caller => desk.ReplyAsync(caller, postId, text, Context.ConnectionAborted));

    public Task<BoardStateView> SetPreModeration(long eventId, bool on) =>
        Act(eventId, caller => desk.ChangeSettingsAsync(caller, board => board.PreModeration = on, Context.ConnectionAborted));

    public Task<bool> RemoveParticipant(long eventId, long participantId) =>
        Act(eventId, async caller => { await desk.RemoveParticipantAsync(caller, participantId, Context.ConnectionAborted); return true; });

    private static PostKind ParseKind(string? kind) => kind switch
    {
        "question" => PostKind.Question,
        "learning" => PostKind.Learning,
        _ => throw new BoardRefusedException("Choose whether this is a question or shared learning."),
    };

    private async Task<T> Act<T>(long eventId, Func<BoardCaller, Task<T>> work)
    {
        if (!Context.Items.TryGetValue(eventId, out var found) || found is not BoardCaller caller)
            throw new HubException("Join the board first.");
        try
        {
            return await work(caller);
        }
        catch (BoardRefusedException refused)
        {
            log.LogInformation("Board {EventId}: refused ({Status}): {Reason}", eventId, refused.Status, refused.Message);
            throw new HubException(refused.Message);
        }
    }
}
