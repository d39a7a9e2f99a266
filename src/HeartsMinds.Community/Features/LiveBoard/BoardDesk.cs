using System.Data;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// Every change on a board, for the hub and the plain forms alike. Each change is one transaction that first takes
/// the board's next sequence number (an UPDATE of the board's row, which also queues changes to one board behind
/// each other, so numbers follow commit order with no gaps), then makes the change, then commits; only then is it
/// broadcast. A refused change rolls back and uses no number.
/// </summary>
public sealed class BoardDesk(CommunityDb db, TimeProvider clock, BoardBroadcast broadcast, BoardRateLimits limits, WatchedWords watchedWords)
{
    /// <summary>The event's board, made the first time anyone asks; null when there is no such event.</summary>
    public async Task<Board?> FindAsync(long eventId, CancellationToken cancellationToken = default)
    {
        var board = await db.Boards.Include(b => b.Event).SingleOrDefaultAsync(b => b.EventId == eventId, cancellationToken);
        if (board is not null) return board;
        if (!await db.Events.AnyAsync(e => e.Id == eventId, cancellationToken)) return null;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO boards (event_id, pre_moderation, last_sequence, settings_sequence, created_at)
            VALUES ({eventId}, false, 0, 0, {clock.GetUtcNow()})
            ON CONFLICT (event_id) DO NOTHING
            """, cancellationToken);
        return await db.Boards.Include(b => b.Event).SingleAsync(b => b.EventId == eventId, cancellationToken);
    }

    /// <summary>
    /// A confirmed attendee joins the board from their own link: the same participant however often they come back
    /// (one row per place), with their name and organisation as registered.
    /// </summary>
    public async Task<long> JoinAsAttendeeAsync(Board board, long attendeeId, string name, string organisation, CancellationToken cancellationToken = default) =>
        (await db.Database.SqlQuery<long>($"""
            INSERT INTO board_participants (board_id, attendee_id, display_name, organisation, created_at)
            VALUES ({board.Id}, {attendeeId}, {Clip(name, 100)}, {Clip(organisation, 200)}, {clock.GetUtcNow()})
            ON CONFLICT (board_id, attendee_id) DO UPDATE SET display_name = EXCLUDED.display_name, organisation = EXCLUDED.organisation
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken)).Single();

    /// <summary>The board whose session code this is, if it has not closed; null otherwise.</summary>
    public async Task<Board?> FindByCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        var key = SessionCodes.Normalise(code);
        if (key is null) return null;
        var board = await db.Boards.Include(b => b.Event).SingleOrDefaultAsync(b => b.SessionCode == key, cancellationToken);
        return board is null || board.PhaseAt(board.Event, clock.GetUtcNow()) == BoardPhase.Closed ? null : board;
    }

    /// <summary>Someone joins with the session code staff shared, a name and an organisation: a new participant.</summary>
    public async Task<long> JoinWithCodeAsync(Board board, string name, string organisation, CancellationToken cancellationToken = default)
    {
        var participant = new BoardParticipant { BoardId = board.Id, DisplayName = name, Organisation = organisation, CreatedAt = clock.GetUtcNow() };
        db.BoardParticipants.Add(participant);
        await db.SaveChangesAsync(cancellationToken);
        return participant.Id;
    }

    /// <summary>Turns the session code on (a new one each time) or off.</summary>
    public async Task<BoardStateView> SetSessionCodeAsync(BoardCaller caller, bool on, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ChangeSettingsAsync(caller, board => board.SessionCode = on ? SessionCodes.New() : null, cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.IsUniqueViolation() && attempt < 3)
            {
                db.ChangeTracker.Clear(); // another board drew the same code: draw again
            }
        }
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>
    /// A new post. Who may post, and whether the board is open, is read before the board's number is taken, so the
    /// board's row is held only by the one statement that takes the number and inserts the post (with the
    /// pre-moderation switch read under that lock): the part of a post that one board's posts queue for.
    /// </summary>
    public async Task<PostView> PostAsync(BoardCaller caller, PostKind kind, string? text, bool anonymous, CancellationToken cancellationToken = default)
    {
        var participantId = caller.ParticipantId ?? throw new BoardRefusedException("Moderators reply to posts rather than post.", StatusCodes.Status403Forbidden);
        var body = BoardText.Tidy(text);
        if (BoardText.Problem(body, BoardPost.MaxLength, "Your post") is { } problem) throw new BoardRefusedException(problem);
        limits.Take(caller, posting: true);
        var now = clock.GetUtcNow();
        var participant = await db.BoardParticipants.AsNoTracking().Include(p => p.Board).ThenInclude(b => b.Event)
            .SingleOrDefaultAsync(p => p.Id == participantId && p.BoardId == caller.BoardId, cancellationToken);
        MayChange(participant, now);
        var word = WatchedWords.FirstMatch(body, await watchedWords.ListAsync(cancellationToken)) ?? ""; // a null parameter has no type

        var post = (await db.Database.SqlQuery<PostInserted>($"""
            WITH number AS (
                UPDATE boards SET last_sequence = last_sequence + 1 WHERE id = {caller.BoardId}
                RETURNING last_sequence, pre_moderation)
            INSERT INTO board_posts (board_id, participant_id, kind, body, anonymous, state, held_because,
                                     pinned, answered, votes, reports, for_newsletter, created_at, sequence)
            SELECT {caller.BoardId}, {participantId}, {kind.ToString()}, {body}, {anonymous},
                   CASE WHEN pre_moderation OR {word} <> '' THEN 'Held' ELSE 'Visible' END,
                   CASE WHEN pre_moderation THEN 'pre-moderation' WHEN {word} <> '' THEN 'watched word: ' || {word} END,
                   false, false, 0, 0, false, {now}, last_sequence
            FROM number
            RETURNING id AS "Id", sequence AS "Sequence", state AS "State", held_because AS "HeldBecause"
            """).ToListAsync(cancellationToken)).Single();

        var saved = new BoardPost
        {
            Id = post.Id, BoardId = caller.BoardId, ParticipantId = participantId, Participant = participant!, Kind = kind, Body = body,
            Anonymous = anonymous, State = Enum.Parse<PostState>(post.State), HeldBecause = post.HeldBecause, CreatedAt = now, Sequence = post.Sequence,
        };
        await broadcast.PostChangedAsync(caller.EventId, saved);
        return PostView.ForAuthor(saved);
    }

    private sealed record PostInserted(long Id, long Sequence, string State, string? HeldBecause);

    public async Task<PostView> EditAsync(BoardCaller caller, long postId, string? text, CancellationToken cancellationToken = default)
    {
        var body = BoardText.Tidy(text);
        if (BoardText.Problem(body, BoardPost.MaxLength, "Your post") is { } problem) throw new BoardRefusedException(problem);
        limits.Take(caller, posting: true);
        var words = await watchedWords.ListAsync(cancellationToken);
        var post = await ChangePostAsync(caller, postId, async (post, board, now) =>
        {
            await OwnEditablePostAsync(caller, post, board, now, cancellationToken);
            post.Body = body;
            post.EditedAt = now;
            if (post.State == PostState.Visible) HoldIfNeeded(post, board, words);
        }, cancellationToken);
        return PostView.ForAuthor(post);
    }

    public async Task<PostView> DeleteAsync(BoardCaller caller, long postId, CancellationToken cancellationToken = default)
    {
        limits.Take(caller, posting: false);
        var post = await ChangePostAsync(caller, postId, async (post, board, now) =>
        {
            await OwnEditablePostAsync(caller, post, board, now, cancellationToken);
            post.State = PostState.Deleted;
            post.Body = "";
            post.Pinned = false;
        }, cancellationToken);
        return PostView.ForAuthor(post);
    }

    /// <summary>Adds (or, with <paramref name="up"/> false, takes back) the caller's one vote: the primary key allows one.</summary>
    public async Task<PostView> VoteAsync(BoardCaller caller, long postId, bool up, CancellationToken cancellationToken = default)
    {
        var participantId = caller.ParticipantId ?? throw new BoardRefusedException("Moderators don't vote.", StatusCodes.Status403Forbidden);
        limits.Take(caller, posting: false);
        var post = await ChangePostAsync(caller, postId, async (post, board, now) =>
        {
            await ParticipantAsync(caller, board, now, cancellationToken);
            if (post.State != PostState.Visible) throw new BoardRefusedException("You can vote only for posts everyone can see.", StatusCodes.Status409Conflict);
            var changed = up
                ? await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO board_votes (post_id, participant_id, created_at) VALUES ({post.Id}, {participantId}, {now})
                    ON CONFLICT DO NOTHING
                    """, cancellationToken)
                : await db.Database.ExecuteSqlAsync($"DELETE FROM board_votes WHERE post_id = {post.Id} AND participant_id = {participantId}", cancellationToken);
            if (changed == 0)
                throw new BoardRefusedException(up ? "You have already voted for this post." : "You had not voted for this post.", StatusCodes.Status409Conflict);
            post.Votes += up ? 1 : -1;
        }, cancellationToken);
        return PostView.ForParticipants(post);
    }

    /// <summary>Puts a post in the moderators' queue; one report per participant per post (the primary key).</summary>
    public async Task<PostView> ReportAsync(BoardCaller caller, long postId, CancellationToken cancellationToken = default)
    {
        var participantId = caller.ParticipantId ?? throw new BoardRefusedException("Moderators can hide a post themselves.", StatusCodes.Status403Forbidden);
        limits.Take(caller, posting: false);
        var post = await ChangePostAsync(caller, postId, async (post, board, now) =>
        {
            await ParticipantAsync(caller, board, now, cancellationToken);
            if (post.State != PostState.Visible || post.ParticipantId == participantId)
                throw new BoardRefusedException("You can report only other people's posts that everyone can see.", StatusCodes.Status409Conflict);
            var added = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO board_reports (post_id, participant_id, created_at) VALUES ({post.Id}, {participantId}, {now})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
            if (added == 0) throw new BoardRefusedException("You have already reported this post; a moderator will look at it.", StatusCodes.Status409Conflict);
            post.Reports++;
        }, cancellationToken);
        return PostView.ForParticipants(post);
    }

    public async Task<PostView> ModerateAsync(BoardCaller caller, long postId, ModerationAction action, CancellationToken cancellationToken = default)
    {
        RequireStaff(caller);
        var post = await ChangePostAsync(caller, postId, (post, _, _) =>
        {
            if (post.State == PostState.Deleted) throw new BoardRefusedException("Its author deleted this post.", StatusCodes.Status409Conflict);
            switch (action)
            {
                case ModerationAction.Hide: post.State = PostState.Hidden; post.Pinned = false; break;
                case ModerationAction.Unhide or ModerationAction.Approve: post.State = PostState.Visible; post.HeldBecause = null; break;
                case ModerationAction.Pin: post.Pinned = true; break;
                case ModerationAction.Unpin: post.Pinned = false; break;
                case ModerationAction.MarkAnswered: post.Answered = true; break;
                case ModerationAction.MarkUnanswered: post.Answered = false; break;
                case ModerationAction.ForNewsletter when post.Kind != PostKind.Learning:
                    throw new BoardRefusedException("Only shared learning can go in the newsletter.", StatusCodes.Status409Conflict);
                case ModerationAction.ForNewsletter: post.ForNewsletter = true; break;
                case ModerationAction.NotForNewsletter: post.ForNewsletter = false; break;
                case ModerationAction.DismissReports: post.Reports = 0; break;
                default: throw new BoardRefusedException("There is no such moderation action.");
            }
            if (post.Pinned && post.State != PostState.Visible)
                throw new BoardRefusedException("Only a post everyone can see can be pinned.", StatusCodes.Status409Conflict);
            return Task.CompletedTask;
        }, cancellationToken);
        return PostView.ForStaff(post);
    }

    /// <summary>A short staff reply shown under the post; empty text takes the reply away.</summary>
    public async Task<PostView> ReplyAsync(BoardCaller caller, long postId, string? text, CancellationToken cancellationToken = default)
    {
        RequireStaff(caller);
        var reply = BoardText.Tidy(text);
        if (reply.Length > 0 && BoardText.Problem(reply, BoardPost.MaxReplyLength, "The reply") is { } problem) throw new BoardRefusedException(problem);
        var post = await ChangePostAsync(caller, postId, (post, _, _) =>
        {
            post.StaffReply = reply.Length == 0 ? null : reply;
            return Task.CompletedTask;
        }, cancellationToken);
        return PostView.ForStaff(post);
    }

    /// <summary>Takes a participant off the board: their screens are told, and they can no longer read, post or vote.</summary>
    public async Task RemoveParticipantAsync(BoardCaller caller, long participantId, CancellationToken cancellationToken = default)
    {
        RequireStaff(caller);
        long sequence = 0;
        await ChangeAsync<object?>(caller, async (board, next, now) =>
        {
            var participant = await db.BoardParticipants.SingleOrDefaultAsync(p => p.Id == participantId && p.BoardId == board.Id, cancellationToken)
                ?? throw new BoardRefusedException("That person is not on this board.", StatusCodes.Status404NotFound);
            participant.RemovedAt ??= now;
            sequence = next;
            return null;
        }, cancellationToken, broadcastPost: false);
        await broadcast.ParticipantRemovedAsync(caller.EventId, sequence, participantId);
    }

    /// <summary>Changes the board's own settings (opening times, pre-moderation, session code) and tells every screen.</summary>
    public async Task<BoardStateView> ChangeSettingsAsync(BoardCaller caller, Action<Board> edit, CancellationToken cancellationToken = default)
    {
        RequireStaff(caller);
        BoardStateView? view = null;
        long sequence = 0;
        await ChangeAsync<object?>(caller, (board, next, now) =>
        {
            edit(board);
            board.SettingsSequence = next;
            sequence = next;
            view = StateOf(board, now, forStaff: true);
            return Task.FromResult<object?>(null);
        }, cancellationToken, broadcastPost: false);
        await broadcast.SettingsChangedAsync(caller.EventId, sequence, view!);
        return view!;
    }

    /// <summary>Everything on the board changed after <paramref name="after"/>, as this caller may see it, read in one snapshot.</summary>
    public async Task<BoardSync> SyncAsync(BoardCaller caller, long after, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var board = await db.Boards.AsNoTracking().Include(b => b.Event).SingleAsync(b => b.Id == caller.BoardId, cancellationToken);
        var posts = await db.BoardPosts.AsNoTracking().Include(p => p.Participant)
            .Where(p => p.BoardId == board.Id && p.Sequence > Math.Max(0, after))
            .OrderBy(p => p.Sequence).ToListAsync(cancellationToken);
        IReadOnlyList<long> mine = [], votes = [];
        var removed = false;
        if (caller.ParticipantId is { } me)
        {
            mine = await db.BoardPosts.Where(p => p.BoardId == board.Id && p.ParticipantId == me).Select(p => p.Id).ToListAsync(cancellationToken);
            votes = await db.BoardVotes.Where(v => v.ParticipantId == me).Select(v => v.PostId).ToListAsync(cancellationToken);
            removed = await db.BoardParticipants.AnyAsync(p => p.Id == me && p.RemovedAt != null, cancellationToken);
        }
        var views = posts.Select(p => caller.IsStaff ? PostView.ForStaff(p)
            : p.ParticipantId == caller.ParticipantId ? PostView.ForAuthor(p)
            : PostView.ForParticipants(p)).ToList();
        return new BoardSync(caller.EventId, board.LastSequence, removed ? [] : views, StateOf(board, clock.GetUtcNow(), caller.IsStaff), mine, votes, removed);
    }

    public static BoardStateView StateOf(Board board, DateTimeOffset now, bool forStaff) => new(
        BoardStateView.PhaseName(board.PhaseAt(board.Event, now)), board.OpensAtOr(board.Event), board.ClosesAtOr(board.Event),
        board.PreModeration, forStaff ? board.SessionCode : null);

    private static void HoldIfNeeded(BoardPost post, Board board, IReadOnlyList<string> words)
    {
        var matched = WatchedWords.FirstMatch(post.Body, words);
        if (!board.PreModeration && matched is null) return;
        post.State = PostState.Held;
        post.HeldBecause = board.PreModeration ? "pre-moderation" : $"watched word: {matched}";
    }

    private Task<BoardPost> ChangePostAsync(BoardCaller caller, long postId, Func<BoardPost, Board, DateTimeOffset, Task> change, CancellationToken cancellationToken) =>
        ChangeAsync(caller, async (board, sequence, now) =>
        {
            var post = await db.BoardPosts.Include(p => p.Participant).SingleOrDefaultAsync(p => p.Id == postId && p.BoardId == board.Id, cancellationToken)
                ?? throw new BoardRefusedException("That post is not on this board.", StatusCodes.Status404NotFound);
            await change(post, board, now);
            post.Sequence = sequence;
            return post;
        }, cancellationToken);

    /// <summary>One numbered change in one transaction; the post it returns (if any, and if asked) is broadcast after the commit.</summary>
    private async Task<T> ChangeAsync<T>(BoardCaller caller, Func<Board, long, DateTimeOffset, Task<T>> change, CancellationToken cancellationToken, bool broadcastPost = true)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sequence = (await db.Database.SqlQuery<long>($"""
            UPDATE boards SET last_sequence = last_sequence + 1 WHERE id = {caller.BoardId} RETURNING last_sequence AS "Value"
            """).ToListAsync(cancellationToken)).Single();
        var board = await db.Boards.Include(b => b.Event).SingleAsync(b => b.Id == caller.BoardId, cancellationToken);
        var now = clock.GetUtcNow();
        var result = await change(board, sequence, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (broadcastPost && result is BoardPost post) await broadcast.PostChangedAsync(caller.EventId, post);
        return result;
    }

    /// <summary>The caller as a participant who may still change things on this open board.</summary>
    private async Task<BoardParticipant> ParticipantAsync(BoardCaller caller, Board board, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var participant = await db.BoardParticipants.SingleOrDefaultAsync(p => p.Id == caller.ParticipantId && p.BoardId == board.Id, cancellationToken);
        if (participant is not null) participant.Board = board;
        MayChange(participant, now);
        return participant!;
    }

    /// <summary>Refuses unless the participant is still on the board and the board (their participant's Board, with its Event) is open.</summary>
    private static void MayChange(BoardParticipant? participant, DateTimeOffset now)
    {
        if (participant is null || participant.RemovedAt is not null)
            throw new BoardRefusedException("A moderator has removed you from this board.", StatusCodes.Status403Forbidden);
        switch (participant.Board.PhaseAt(participant.Board.Event, now))
        {
            case BoardPhase.NotYetOpen:
                throw new BoardRefusedException("The board is not open yet.", StatusCodes.Status409Conflict);
            case BoardPhase.Closed:
                throw new BoardRefusedException("The board has closed: you can still read it, but not post or vote.", StatusCodes.Status409Conflict);
        }
    }

    private async Task OwnEditablePostAsync(BoardCaller caller, BoardPost post, Board board, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ParticipantAsync(caller, board, now, cancellationToken);
        if (post.ParticipantId != caller.ParticipantId)
            throw new BoardRefusedException("You can change only your own posts.", StatusCodes.Status403Forbidden);
        if (!post.EditableBy(post.ParticipantId, now))
            throw new BoardRefusedException($"Posts can be changed for {BoardPost.EditableFor.TotalMinutes:0} minutes after posting; this one can't be changed now.", StatusCodes.Status409Conflict);
    }

    private static void RequireStaff(BoardCaller caller)
    {
        if (!caller.IsStaff) throw new BoardRefusedException("Only moderators can do that.", StatusCodes.Status403Forbidden);
    }
}
