using System.Net;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using static HeartsMinds.Community.Tests.LiveBoard.BoardTesting;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>The app with low per-participant limits inside the hub (the HTTP rate limiter sees no hub message).</summary>
public sealed class SlowBoardAppFactory : CommunityAppFactory
{
    public TestClock Clock { get; } = new();

    public SlowBoardAppFactory() => WithClock(Clock).WithSetting("LiveBoard:PostsPerMinute", "3").WithSetting("LiveBoard:ActionsPerMinute", "4");
}

public sealed class BoardRateLimitTests(SlowBoardAppFactory app) : IClassFixture<SlowBoardAppFactory>
{
    [Fact]
    public async Task The_fourth_quick_post_is_refused_and_not_saved_while_others_still_post()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var quick = await app.JoinAsAttendeeAsync(ev.Id, "Quinn Quick");
        var other = await app.JoinAsAttendeeAsync(ev.Id, "Olu Other");
        await using var screen = await app.JoinedAsync(quick);
        await using var otherScreen = await app.JoinedAsync(other);

        for (var i = 1; i <= 3; i++) await screen.PostAsync(ev.Id, $"Post {i}");
        var message = await RefusedAsync(() => screen.PostAsync(ev.Id, "Post 4"));

        Assert.Contains("You're posting faster than the board allows", message);
        Assert.Equal(["Post 1", "Post 2", "Post 3"], (await app.PostsAsync(ev.Id)).Select(p => p.Body));
        Assert.Equal(3, (await app.BoardAsync(ev.Id)).LastSequence);
        // A second screen of the same participant is the same participant; someone else is not held back.
        await using var secondScreen = await app.JoinedAsync(quick with { Cookie = await PassFromLinkAsync(app, quick.Token, ev.Id) });
        Assert.Contains("posting faster", await RefusedAsync(() => secondScreen.PostAsync(ev.Id, "Post 4 from the phone")));
        Assert.Equal("visible", (await otherScreen.PostAsync(ev.Id, "Someone else")).State);
    }

    [Fact]
    public async Task Quick_clicks_are_limited_too_and_a_plain_form_post_hears_429()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var author = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        var clicker = await app.JoinAsAttendeeAsync(ev.Id, "Cal Clicker");
        await using var authorScreen = await app.JoinedAsync(author);
        var post = await authorScreen.PostAsync(ev.Id, "Vote for me");
        await using var screen = await app.JoinedAsync(clicker);

        for (var i = 0; i < 2; i++)
        {
            await screen.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, true);
            await screen.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, false);
        }
        Assert.Contains("a lot of clicks in a short time", await RefusedAsync(() => screen.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, true)));
        Assert.Equal(0, (await app.PostsAsync(ev.Id)).Single().Votes);

        var browser = await app.BrowserAsync(author);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.SeeOther, (await browser.SubmitAsync($"/board/{ev.Id}", [new("Kind", "question"), new("Body", $"Form post {i}")], $"/board/{ev.Id}?handler=Post")).StatusCode);
        var refused = await browser.SubmitAsync($"/board/{ev.Id}", [new("Kind", "question"), new("Body", "One too many")], $"/board/{ev.Id}?handler=Post");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("posting faster than the board allows", await refused.TextAsync());
        Assert.DoesNotContain(await app.PostsAsync(ev.Id), p => p.Body == "One too many");
    }
}
