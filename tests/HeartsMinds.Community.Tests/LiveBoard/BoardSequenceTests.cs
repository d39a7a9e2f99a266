using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using static HeartsMinds.Community.Tests.LiveBoard.BoardTesting;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>
/// Nothing missed, nothing doubled: the database numbers every change on a board 1, 2, 3... in commit order, every
/// screen hears every number once, and a screen that dropped fetches exactly what it missed.
/// </summary>
public sealed class BoardSequenceTests(BoardAppFactory app) : IClassFixture<BoardAppFactory>
{
    private const int Participants = 8;
    private const int PostsEach = 3; // the burst a participant may post at once

    [Fact]
    public async Task Concurrent_posts_are_numbered_without_gaps_or_repeats_and_every_screen_hears_each_number_once()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var seats = new List<BoardSeat>();
        for (var i = 0; i < Participants; i++) seats.Add(await app.JoinAsAttendeeAsync(ev.Id, $"Person {i}"));
        var screens = new List<BoardScreen>();
        foreach (var seat in seats) screens.Add(await app.JoinedAsync(seat));
        screens.Add(await app.StaffJoinedAsync(await app.StaffCookieAsync(), ev.Id));
        try
        {
            // Every participant posts from a connection of their own, all at once (and a second screen of theirs too).
            var extra = new List<BoardScreen>();
            foreach (var seat in seats) extra.Add(await app.JoinedAsync(seat with { Cookie = await PassFromLinkAsync(app, seat.Token, ev.Id) }));
            screens.AddRange(extra);
            var posting = screens.Take(Participants).Zip(extra).SelectMany((pair, i) => Enumerable.Range(0, PostsEach).Select(n =>
                (n % 2 == 0 ? pair.First : pair.Second).PostAsync(ev.Id, $"Post {n} by person {i}")));
            var posted = await Task.WhenAll(posting);
            const int total = Participants * PostsEach;

            Assert.Equal(Enumerable.Range(1, total).Select(n => (long)n), posted.Select(p => p.Sequence).Order());
            var board = await app.BoardAsync(ev.Id);
            Assert.Equal(total, board.LastSequence);
            var stored = await app.PostsAsync(ev.Id);
            Assert.Equal(total, stored.Count);
            Assert.Equal(Enumerable.Range(1, total).Select(n => (long)n), stored.Select(p => p.Sequence).Order());

            foreach (var screen in screens)
                await WaitUntilAsync(() => screen.Changes.Count >= total, $"a screen to hear {total} changes (it has {screen.Changes.Count})");
            await Task.Delay(200); // anything doubled would have arrived by now
            foreach (var screen in screens)
                Assert.Equal(Enumerable.Range(1, total).Select(n => (long)n), screen.Changes.Select(c => c.Sequence).Order());
        }
        finally
        {
            foreach (var screen in screens) await screen.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_screen_that_dropped_gets_exactly_what_it_missed_on_joining_again()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var ada = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        var bo = await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker");
        var cy = await app.JoinAsAttendeeAsync(ev.Id, "Cy Carter");
        await using var staff = await app.StaffJoinedAsync(await app.StaffCookieAsync(), ev.Id);
        var adaScreen = await app.JoinedAsync(ada);
        await using var boScreen = await app.JoinedAsync(bo);
        var seen = await boScreen.PostAsync(ev.Id, "Seen by Ada");
        var untouched = await adaScreen.PostAsync(ev.Id, "Ada's own, untouched while she is away");
        await WaitUntilAsync(() => adaScreen.Changes.Count == 2, "Ada's screen to hear both posts");
        var lastSeen = adaScreen.Changes.Max(c => c.Sequence);

        await adaScreen.Connection.StopAsync();
        await adaScreen.DisposeAsync();
        var missed1 = await boScreen.PostAsync(ev.Id, "Missed one");
        var missed2 = await boScreen.PostAsync(ev.Id, "Missed two");
        await staff.Connection.InvokeAsync<PostView>("Moderate", ev.Id, seen.Id, "Pin"); // an older post changes: it comes again, pinned
        await boScreen.Connection.InvokeAsync<PostView>("Vote", ev.Id, untouched.Id, true); // Ada's post gets a vote
        await staff.Connection.InvokeAsync<BoardStateView>("SetPreModeration", ev.Id, true); // a change with no post

        await using var back = await app.JoinedAsync(ada, after: lastSeen);

        var board = await app.BoardAsync(ev.Id);
        Assert.Equal(7, board.LastSequence);
        Assert.Equal(board.LastSequence, back.Sync!.UpTo);
        Assert.Equal([missed1.Id, missed2.Id, seen.Id, untouched.Id], back.Sync.Posts.Select(p => p.Id));
        Assert.Equal([3L, 4, 5, 6], back.Sync.Posts.Select(p => p.Sequence));
        Assert.True(back.Sync.Posts.Single(p => p.Id == seen.Id).Pinned);
        Assert.Equal(1, back.Sync.Posts.Single(p => p.Id == untouched.Id).Votes);
        Assert.True(back.Sync.Board.PreModeration);
        Assert.Contains(untouched.Id, back.Sync.MyPosts);
        // And from there it hears new changes live.
        await using var cyScreen = await app.JoinedAsync(cy);
        var live = await cyScreen.PostAsync(ev.Id, "Live again");
        await WaitUntilAsync(() => back.Heard(live.Id) is not null, "Ada's new screen to hear the next post");
        Assert.Equal(8, back.Heard(live.Id)!.Sequence);
    }
}
