using HeartsMinds.Community.Features.LiveBoard;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using static HeartsMinds.Community.Tests.LiveBoard.BoardTesting;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>
/// Hub methods check who is calling and for which board: a pass names one participant on one board, a participant
/// can't moderate, and staff can.
/// </summary>
public sealed class BoardHubAccessTests(BoardAppFactory app) : IClassFixture<BoardAppFactory>
{
    [Fact]
    public async Task Without_a_pass_join_is_refused_and_nothing_else_works()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        await using var stranger = await app.ConnectAsync(cookie: null);

        var message = await RefusedAsync(() => stranger.Connection.InvokeAsync<BoardSync>("Join", ev.Id, 0L));
        Assert.Contains("You have not joined this board", message);
        Assert.Contains("Join the board first", await RefusedAsync(() => stranger.PostAsync(ev.Id, "Hello")));
        Assert.Contains("Join the board first", await RefusedAsync(() => stranger.Connection.InvokeAsync<BoardSync>("Sync", ev.Id, 0L)));
        Assert.Empty(await app.PostsAsync(ev.Id));
    }
}
