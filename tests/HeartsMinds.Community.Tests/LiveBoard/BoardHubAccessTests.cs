using HeartsMinds.Community.Features.LiveBoard;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using static HeartsMinds.Community.Tests.LiveBoard.BoardTesting;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>
/// Hub methods check who is calling and for which board: a pass names one participant on one board, a participant
/// can't moderate nor act on a board they did not join, and staff can moderate but not post.
/// </summary>
public sealed class BoardHubAccessTests(BoardAppFactory app) : IClassFixture<BoardAppFactory>
{
    [Fact]
    public async Task Without_a_pass_join_is_refused_and_nothing_else_works()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        await using var stranger = await app.ConnectAsync(cookie: null);

        Assert.Contains("You have not joined this board", await RefusedAsync(() => stranger.Connection.InvokeAsync<BoardSync>("Join", ev.Id, 0L)));
        Assert.Contains("Join the board first", await RefusedAsync(() => stranger.PostAsync(ev.Id, "Hello")));
        Assert.Contains("Join the board first", await RefusedAsync(() => stranger.Connection.InvokeAsync<BoardSync>("Sync", ev.Id, 0L)));
        Assert.Empty(await app.PostsAsync(ev.Id));
    }

    [Fact]
    public async Task A_pass_for_one_board_does_not_join_another()
    {
        var boardA = await app.OpenBoardEventAsync(app.Clock);
        var boardB = await app.OpenBoardEventAsync(app.Clock);
        var seat = await app.JoinAsAttendeeAsync(boardA.Id, "Ada Able");
        var passValue = seat.Cookie.Split('=', 2)[1];

        await using var withOwnPass = await app.ConnectAsync(seat.Cookie);
        Assert.Contains("You have not joined this board", await RefusedAsync(() => withOwnPass.Connection.InvokeAsync<BoardSync>("Join", boardB.Id, 0L)));
        // The same protected value under board B's cookie name: it names board A inside, so it is no pass for B.
        await using var renamed = await app.ConnectAsync($"{BoardPass.CookieName(boardB.Id)}={passValue}");
        Assert.Contains("You have not joined this board", await RefusedAsync(() => renamed.Connection.InvokeAsync<BoardSync>("Join", boardB.Id, 0L)));
        // A pass someone edited is no pass at all.
        await using var tampered = await app.ConnectAsync($"{BoardPass.CookieName(boardA.Id)}={passValue[..^4]}AAAA");
        Assert.Contains("You have not joined this board", await RefusedAsync(() => tampered.Connection.InvokeAsync<BoardSync>("Join", boardA.Id, 0L)));

        await using var joined = await app.JoinedAsync(seat);
        Assert.Equal(boardA.Id, joined.Sync!.EventId);
    }

    [Fact]
    public async Task A_participant_cannot_post_vote_or_report_on_a_board_they_did_not_join()
    {
        var boardA = await app.OpenBoardEventAsync(app.Clock);
        var boardB = await app.OpenBoardEventAsync(app.Clock);
        var onA = await app.JoinAsAttendeeAsync(boardA.Id, "Ada Able");
        var onB = await app.JoinAsAttendeeAsync(boardB.Id, "Bo Baker");
        await using var screenB = await app.JoinedAsync(onB);
        var postOnB = await screenB.PostAsync(boardB.Id, "A question on board B");
        await using var screenA = await app.JoinedAsync(onA);

        Assert.Contains("Join the board first", await RefusedAsync(() => screenA.PostAsync(boardB.Id, "Sneaking onto board B")));
        Assert.Contains("Join the board first", await RefusedAsync(() => screenA.Connection.InvokeAsync<PostView>("Vote", boardB.Id, postOnB.Id, true)));
        Assert.Contains("Join the board first", await RefusedAsync(() => screenA.Connection.InvokeAsync<PostView>("Report", boardB.Id, postOnB.Id)));
        // Nor, through board A, on a post of board B's.
        Assert.Contains("not on this board", await RefusedAsync(() => screenA.Connection.InvokeAsync<PostView>("Vote", boardA.Id, postOnB.Id, true)));
        Assert.Contains("not on this board", await RefusedAsync(() => screenA.Connection.InvokeAsync<PostView>("Edit", boardA.Id, postOnB.Id, "Mine now")));

        Assert.Single(await app.PostsAsync(boardB.Id));
        Assert.Empty(await app.PostsAsync(boardA.Id));
        var stored = (await app.PostsAsync(boardB.Id)).Single();
        Assert.Equal((0, 0, "A question on board B"), (stored.Votes, stored.Reports, stored.Body));
        Assert.Equal(0, await app.CountAsync(db => db.BoardVotes.CountAsync()));
    }

    [Fact]
    public async Task A_participant_cannot_moderate_reply_switch_pre_moderation_or_remove_anyone()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var ada = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        var bo = await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker");
        await using var adaScreen = await app.JoinedAsync(ada);
        await using var boScreen = await app.JoinedAsync(bo);
        var post = await boScreen.PostAsync(ev.Id, "What works for waiting lists?");
        var hub = adaScreen.Connection;

        foreach (var action in Enum.GetNames<ModerationAction>())
            Assert.Contains("Only moderators can do that", await RefusedAsync(() => hub.InvokeAsync<PostView>("Moderate", ev.Id, post.Id, action)));
        Assert.Contains("Only moderators can do that", await RefusedAsync(() => hub.InvokeAsync<PostView>("Reply", ev.Id, post.Id, "Official answer")));
        Assert.Contains("Only moderators can do that", await RefusedAsync(() => hub.InvokeAsync<BoardStateView>("SetPreModeration", ev.Id, true)));
        Assert.Contains("Only moderators can do that", await RefusedAsync(() => hub.InvokeAsync<bool>("RemoveParticipant", ev.Id, bo.ParticipantId)));

        var stored = (await app.PostsAsync(ev.Id)).Single();
        Assert.Equal((PostState.Visible, false, null, post.Sequence), (stored.State, stored.Pinned, stored.StaffReply, stored.Sequence));
        var board = await app.BoardAsync(ev.Id);
        Assert.False(board.PreModeration);
        Assert.Equal(1, board.LastSequence); // refused changes use no number
        Assert.Null(await app.WithDbAsync(db => db.BoardParticipants.Where(p => p.Id == bo.ParticipantId).Select(p => p.RemovedAt).SingleAsync()));
    }

    [Fact]
    public async Task Staff_moderate_reply_switch_pre_moderation_and_remove_but_do_not_post_or_vote()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var bo = await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker");
        await using var boScreen = await app.JoinedAsync(bo);
        var post = await boScreen.PostAsync(ev.Id, "What works for waiting lists?");
        await using var staff = await app.StaffJoinedAsync(await app.StaffCookieAsync(), ev.Id);
        var hub = staff.Connection;

        Assert.True((await hub.InvokeAsync<PostView>("Moderate", ev.Id, post.Id, "Pin")).Pinned);
        Assert.Equal("A shared spreadsheet.", (await hub.InvokeAsync<PostView>("Reply", ev.Id, post.Id, "A shared spreadsheet.")).Reply);
        Assert.True((await hub.InvokeAsync<BoardStateView>("SetPreModeration", ev.Id, true)).PreModeration);
        Assert.True(await hub.InvokeAsync<bool>("RemoveParticipant", ev.Id, bo.ParticipantId));
        Assert.Contains("no such moderation action", await RefusedAsync(() => hub.InvokeAsync<PostView>("Moderate", ev.Id, post.Id, "Explode")));
        Assert.Contains("Moderators reply to posts rather than post", await RefusedAsync(() => staff.PostAsync(ev.Id, "Staff post")));
        Assert.Contains("Moderators don't vote", await RefusedAsync(() => hub.InvokeAsync<PostView>("Vote", ev.Id, post.Id, true)));

        var stored = (await app.PostsAsync(ev.Id)).Single();
        Assert.Equal((true, "A shared spreadsheet."), (stored.Pinned, stored.StaffReply));
        Assert.True((await app.BoardAsync(ev.Id)).PreModeration);
        Assert.NotNull(await app.WithDbAsync(db => db.BoardParticipants.Where(p => p.Id == bo.ParticipantId).Select(p => p.RemovedAt).SingleAsync()));
        // Staff see who posted; their join returned the board as staff see it.
        Assert.Equal("Bo Baker, Bo Baker Org", staff.Sync!.Posts.Single().PostedBy);
    }
}
