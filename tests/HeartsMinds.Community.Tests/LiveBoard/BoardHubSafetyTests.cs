using System.Net;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static HeartsMinds.Community.Tests.LiveBoard.BoardTesting;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>One vote per participant per post (by the database, also from two screens at once), message sizes, and text encoding.</summary>
public sealed class BoardHubSafetyTests(BoardAppFactory app) : IClassFixture<BoardAppFactory>
{
    [Fact]
    public async Task A_second_vote_is_refused_and_counts_once()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var author = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        var voter = await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker");
        await using var authorScreen = await app.JoinedAsync(author);
        await using var voterScreen = await app.JoinedAsync(voter);
        var post = await authorScreen.PostAsync(ev.Id, "How do you keep volunteers?");

        Assert.Equal(1, (await voterScreen.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, true)).Votes);
        Assert.Contains("already voted", await RefusedAsync(() => voterScreen.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, true)));

        Assert.Equal(1, (await app.PostsAsync(ev.Id)).Single().Votes);
        Assert.Equal(1, await app.CountAsync(db => db.BoardVotes.CountAsync(v => v.PostId == post.Id)));
        // Taking it back and voting again is still one vote.
        Assert.Equal(0, (await voterScreen.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, false)).Votes);
        Assert.Contains("had not voted", await RefusedAsync(() => voterScreen.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, false)));
        Assert.Equal(1, (await voterScreen.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, true)).Votes);
        Assert.Equal(1, await app.CountAsync(db => db.BoardVotes.CountAsync(v => v.PostId == post.Id)));
    }

    [Fact]
    public async Task Votes_sent_at_once_from_two_screens_of_one_participant_count_once()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var author = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        var voter = await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker");
        await using var authorScreen = await app.JoinedAsync(author);
        var posts = new List<PostView>();
        for (var i = 0; i < 3; i++) posts.Add(await authorScreen.PostAsync(ev.Id, $"Question {i}"));
        // Bo's phone and laptop: two passes, two connections, one participant.
        var laptop = await app.JoinedAsync(voter);
        var phone = await app.JoinedAsync(voter with { Cookie = await PassFromLinkAsync(app, voter.Token, ev.Id) });
        await using var _ = laptop;
        await using var __ = phone;

        foreach (var post in posts)
        {
            var outcomes = await Task.WhenAll(
                Outcome(laptop.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, true)),
                Outcome(phone.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, true)));
            Assert.Single(outcomes, o => o is PostView);
            Assert.Contains(outcomes, o => o is HubException e && e.Message.Contains("already voted"));
        }

        Assert.All(await app.PostsAsync(ev.Id), p => Assert.Equal(1, p.Votes));
        Assert.Equal(3, await app.CountAsync(db => db.BoardVotes.CountAsync(v => v.ParticipantId == voter.ParticipantId)));
    }

    private static async Task<object> Outcome(Task<PostView> call)
    {
        try { return await call; }
        catch (HubException refused) { return refused; }
    }

    [Fact]
    public async Task A_post_over_1000_characters_is_refused_with_a_clear_message()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var seat = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        await using var screen = await app.JoinedAsync(seat);

        var message = await RefusedAsync(() => screen.PostAsync(ev.Id, new string('a', 1001)));
        Assert.Contains("at most 1,000 characters; this one has 1,001", message);
        Assert.Contains("is empty", await RefusedAsync(() => screen.PostAsync(ev.Id, "   \n ")));
        Assert.Contains("control characters", await RefusedAsync(() => screen.PostAsync(ev.Id, "Bell\u0007 ringing")));
        Assert.Contains("question or shared learning", await RefusedAsync(() => screen.PostAsync(ev.Id, "Hello", kind: "rant")));
        Assert.Empty(await app.PostsAsync(ev.Id));

        // 1,000 characters, even ones a JSON writer escapes, fit.
        var longest = await screen.PostAsync(ev.Id, string.Concat(Enumerable.Repeat("<é\"", 333)) + "!");
        Assert.Equal(1000, longest.Body!.Length);
    }

    [Fact]
    public async Task A_message_over_the_hubs_limit_closes_that_connection_and_the_app_keeps_serving()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var seat = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        var screen = await app.JoinedAsync(seat);
        await using var _ = screen;
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        screen.Connection.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        var limit = app.Services.GetRequiredService<IOptions<HubOptions>>().Value.MaximumReceiveMessageSize ?? 32 * 1024;

        await Assert.ThrowsAnyAsync<Exception>(() => screen.PostAsync(ev.Id, new string('x', (int)limit + 1024)).WaitAsync(Patience));

        await closed.Task.WaitAsync(Patience);
        Assert.Equal(HubConnectionState.Disconnected, screen.Connection.State);
        Assert.Empty(await app.PostsAsync(ev.Id));
        // The app and the board go on: a new connection posts, and the page answers.
        await using var again = await app.JoinedAsync(seat);
        Assert.Equal("visible", (await again.PostAsync(ev.Id, "Back again")).State);
        Assert.Equal(HttpStatusCode.OK, (await (await app.BrowserAsync(seat)).GetAsync($"/board/{ev.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_script_in_a_post_is_text_on_the_board_page()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var author = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        var reader = await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker");
        await using var screen = await app.JoinedAsync(author);
        const string script = "<script>alert('board')</script><img src=x onerror=alert(1)>";
        var post = await screen.PostAsync(ev.Id, script);

        Assert.Equal(script, post.Body); // stored and sent as the text it is; screens set it as text
        foreach (var client in new[] { await app.BrowserAsync(reader), await app.BrowserAsync(author), await app.SignedInAdminAsync() })
        {
            var html = await client.GetStringAsync($"/board/{ev.Id}");
            Assert.DoesNotContain("<script>alert(", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.Contains("&lt;script&gt;alert(&#x27;board&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", html);
        }
    }
}
