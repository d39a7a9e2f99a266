using System.Collections.Concurrent;
using System.Net;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>
/// More than one server (issue 12): two app instances on one database and one Redis serve one board. A post made
/// through one instance reaches a screen connected to the other, through the Redis backplane; without Redis each
/// instance's screens hear only that instance, and the board's numbers in the database still bring the others up to
/// date. One instance with no Redis at all works as before.
/// </summary>
public sealed class TwoInstancesTests(CommunityAppFactory database) : IClassFixture<CommunityAppFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task With_redis_a_post_made_through_one_instance_reaches_a_screen_on_the_other_and_back()
    {
        var channels = TestRedis.NewChannelPrefix();
        await using var first = CommunityAppFactory.ForDatabase(database.ConnectionString).WithRedis(channels);
        await using var second = CommunityAppFactory.ForDatabase(database.ConnectionString).WithRedis(channels);
        var (eventId, code) = await OpenBoardWithCodeAsync(first);
        // Each joins through a different instance: the pass is protected with the shared key ring, so either instance reads it.
        var alicePass = await JoinWithCodeAsync(first, code, "Alice", eventId);
        var bobPass = await JoinWithCodeAsync(second, code, "Bob", eventId);
        await using var alice = await ScreenAsync(first, alicePass, eventId);
        await using var bob = await ScreenAsync(second, bobPass, eventId);

        var posted = await alice.Connection.InvokeAsync<PostView>("Post", eventId, "question", "How do other groups recruit volunteers?", false);

        var heard = await bob.NextAsync(c => c.Post?.Id == posted.Id);
        Assert.Equal(posted.Sequence, heard.Sequence);
        Assert.Equal(eventId, heard.EventId);
        Assert.Equal("How do other groups recruit volunteers?", heard.Post!.Body);
        Assert.Equal("Alice, Alice's Community Group", heard.Post.Author);

        var answer = await bob.Connection.InvokeAsync<PostView>("Post", eventId, "learning", "We ask at the end of every session.", false);

        var heardBack = await alice.NextAsync(c => c.Post?.Id == answer.Id);
        Assert.Equal(answer.Sequence, heardBack.Sequence);
        Assert.True(heardBack.Sequence > heard.Sequence, "the database numbers changes in commit order, whichever instance made them");
    }

    [Fact]
    public async Task Without_redis_a_screen_on_the_other_instance_hears_nothing_but_gets_the_post_when_it_syncs()
    {
        // The same two instances without a backplane: proves the test above can fail, and that the database is the truth.
        await using var first = CommunityAppFactory.ForDatabase(database.ConnectionString);
        await using var second = CommunityAppFactory.ForDatabase(database.ConnectionString);
        var (eventId, code) = await OpenBoardWithCodeAsync(first);
        await using var alice = await ScreenAsync(first, await JoinWithCodeAsync(first, code, "Alice", eventId), eventId);
        await using var bob = await ScreenAsync(second, await JoinWithCodeAsync(second, code, "Bob", eventId), eventId);
        var bobSawUpTo = bob.Joined!.UpTo;

        var posted = await alice.Connection.InvokeAsync<PostView>("Post", eventId, "question", "Is anyone else here from Leeds?", false);

        await alice.NextAsync(c => c.Post?.Id == posted.Id); // heard on its own instance...
        await Task.Delay(500);
        Assert.DoesNotContain(bob.Changes, c => c.Post?.Id == posted.Id); // ...but not on the other
        var sync = await bob.Connection.InvokeAsync<BoardSync>("Sync", eventId, bobSawUpTo);
        Assert.Equal(posted.Sequence, sync.UpTo);
        Assert.Equal("Is anyone else here from Leeds?", Assert.Single(sync.Posts, p => p.Id == posted.Id).Body);
    }

    [Fact]
    public async Task One_instance_with_no_redis_configured_serves_a_board()
    {
        await using var only = CommunityAppFactory.ForDatabase(database.ConnectionString);
        var (eventId, code) = await OpenBoardWithCodeAsync(only);
        await using var alice = await ScreenAsync(only, await JoinWithCodeAsync(only, code, "Alice", eventId), eventId);
        await using var bob = await ScreenAsync(only, await JoinWithCodeAsync(only, code, "Bob", eventId), eventId);

        var posted = await alice.Connection.InvokeAsync<PostView>("Post", eventId, "learning", "Short sessions work better for us.", true);

        var heard = await bob.NextAsync(c => c.Post?.Id == posted.Id);
        Assert.Equal(posted.Sequence, heard.Sequence);
        Assert.Null(heard.Post!.Author); // anonymous to other participants
    }

    /// <summary>A published session starting in ten minutes (its board is open), with a session code switched on by staff.</summary>
    private static async Task<(long EventId, string Code)> OpenBoardWithCodeAsync(CommunityAppFactory app)
    {
        var ev = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: DateTimeOffset.UtcNow.AddMinutes(10));
        using var scope = app.Services.CreateScope();
        var desk = scope.ServiceProvider.GetRequiredService<BoardDesk>();
        var board = (await desk.FindAsync(ev.Id))!;
        var state = await desk.SetSessionCodeAsync(new BoardCaller(board.Id, ev.Id, null, "test-staff"), on: true);
        Assert.Equal("open", state.Phase);
        return (ev.Id, state.SessionCode!);
    }

    /// <summary>Joins through the /board/join form as a browser would; returns the pass cookie it sets, as "name=value".</summary>
    private static async Task<string> JoinWithCodeAsync(CommunityAppFactory app, string code, string name, long eventId)
    {
        var response = await app.CreateBrowserLikeClient().SubmitAsync($"/board/join?code={code}",
            ("Code", code), ("Name", name), ("Organisation", name + "'s Community Group"));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var cookieName = BoardPass.CookieName(eventId);
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(cookieName + "=", StringComparison.Ordinal));
    }

    private static async Task<Screen> ScreenAsync(CommunityAppFactory app, string pass, long eventId)
    {
        var screen = new Screen(HubClients.Build(app, BoardHub.Path, pass));
        await screen.Connection.StartAsync();
        screen.Joined = await screen.Connection.InvokeAsync<BoardSync>("Join", eventId, 0L);
        return screen;
    }

    /// <summary>A connected participant's screen and every change the hub sent it.</summary>
    private sealed class Screen : IAsyncDisposable
    {
        public Screen(HubConnection connection)
        {
            Connection = connection;
            connection.On<BoardChange>(BoardBroadcast.ChangedMessage, change => Changes.Enqueue(change));
        }

        public HubConnection Connection { get; }
        public BoardSync? Joined { get; set; }
        public ConcurrentQueue<BoardChange> Changes { get; } = new();

        public async Task<BoardChange> NextAsync(Func<BoardChange, bool> match)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                if (Changes.FirstOrDefault(match) is { } change) return change;
                if (DateTime.UtcNow > deadline) Assert.Fail($"No such change within {Patience.TotalSeconds:0} s; heard {Changes.Count}.");
                await Task.Delay(20);
            }
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
