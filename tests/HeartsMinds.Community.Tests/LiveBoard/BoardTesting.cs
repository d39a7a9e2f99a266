using System.Collections.Concurrent;
using System.Net;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>The app with a clock the board tests move by hand (the board opens, closes, and posts stop being editable by time).</summary>
public sealed class BoardAppFactory : CommunityAppFactory
{
    public TestClock Clock { get; } = new();

    public BoardAppFactory() => WithClock(Clock);
}

/// <summary>Someone on a board: the event, their participant row, their pass as a Cookie header, and their own link.</summary>
public sealed record BoardSeat(long EventId, long ParticipantId, string Cookie, string Token);

/// <summary>
/// Shared steps for the live-board tests: a Conversation Space whose board is open, confirmed attendees who join it
/// from their own link (/places/{token}/board) and keep the pass cookie that sets, staff signed in, and .NET SignalR
/// clients on the test server over WebSockets, as browsers connect (no negotiation).
/// </summary>
public static class BoardTesting
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A published online session starting ten minutes from the app's now: its board (opening 15 minutes before) is open.</summary>
    public static Task<Event> OpenBoardEventAsync(this CommunityAppFactory app, TimeProvider clock, TimeSpan? startsIn = null) =>
        app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: clock.GetUtcNow() + (startsIn ?? TimeSpan.FromMinutes(10)));

    /// <summary>A confirmed attendee who opened the board from their own link; their pass is taken from the Set-Cookie.</summary>
    public static async Task<BoardSeat> JoinAsAttendeeAsync(this CommunityAppFactory app, long eventId, string name)
    {
        var email = $"{name.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@board.example";
        var registration = await app.RegisteredAsync(ManageTesting.Person(eventId, name + " Org", name, email));
        var attendee = registration.Attendees.Single();
        Assert.Equal(AttendeeStatus.Confirmed, attendee.Status);
        var token = await app.WithDbAsync(async db =>
        {
            var token = PrivateLink.IssueFor(db, await db.Attendees.SingleAsync(a => a.Id == attendee.Id), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return token;
        });
        var cookie = await PassFromLinkAsync(app, token, eventId);
        var participantId = await app.WithDbAsync(db => db.BoardParticipants.Where(p => p.AttendeeId == attendee.Id).Select(p => p.Id).SingleAsync());
        return new BoardSeat(eventId, participantId, cookie, token);
    }

    /// <summary>GET /places/{token}/board as a browser: a 303 to the board and the pass, returned as "name=value".</summary>
    public static async Task<string> PassFromLinkAsync(CommunityAppFactory app, string token, long eventId)
    {
        var response = await NoCookiesClient(app).GetAsync($"/places/{token}/board");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/board/{eventId}", response.Headers.Location!.OriginalString);
        return SetCookie(response, BoardPass.CookieName(eventId)) ?? throw new InvalidOperationException("No board pass was set.");
    }

    /// <summary>The staff sign-in cookie of the admin, as "name=value".</summary>
    public static async Task<string> StaffCookieAsync(this CommunityAppFactory app)
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.SubmitAsync("/account/sign-in",
            ("Input.Email", CommunityAppFactory.AdminEmail), ("Input.Password", CommunityAppFactory.AdminPassword));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookieName = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie.Name!;
        return SetCookie(response, cookieName) ?? throw new InvalidOperationException("No sign-in cookie was set.");
    }

    /// <summary>"name=value" of the cookie of that name a response sets; null when it sets none.</summary>
    public static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal) && v.Length > name.Length + 1)
            : null;

    public static HttpClient NoCookiesClient(CommunityAppFactory app) =>
        app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });

    /// <summary>A browser-like client (cookies kept, antiforgery works) that holds this seat's pass.</summary>
    public static async Task<HttpClient> BrowserAsync(this CommunityAppFactory app, BoardSeat seat)
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.GetAsync($"/places/{seat.Token}/board");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return client;
    }

    public static HubConnection BuildHub(this CommunityAppFactory app, string? cookie) => HubClients.Build(app, BoardHub.Path, cookie);

    /// <summary>A started hub connection with a listener already attached, so no message is missed.</summary>
    public static async Task<BoardScreen> ConnectAsync(this CommunityAppFactory app, string? cookie)
    {
        var connection = app.BuildHub(cookie);
        var screen = new BoardScreen(connection);
        await connection.StartAsync();
        return screen;
    }

    /// <summary>Connects with this seat's pass and joins its board.</summary>
    public static async Task<BoardScreen> JoinedAsync(this CommunityAppFactory app, BoardSeat seat, long after = 0)
    {
        var screen = await app.ConnectAsync(seat.Cookie);
        screen.Sync = await screen.Connection.InvokeAsync<BoardSync>("Join", seat.EventId, after);
        return screen;
    }

    public static async Task<BoardScreen> StaffJoinedAsync(this CommunityAppFactory app, string staffCookie, long eventId)
    {
        var screen = await app.ConnectAsync(staffCookie);
        screen.Sync = await screen.Connection.InvokeAsync<BoardSync>("Join", eventId, 0L);
        return screen;
    }

    public static Task<PostView> PostAsync(this BoardScreen screen, long eventId, string body, string kind = "question", bool anonymous = false) =>
        screen.Connection.InvokeAsync<PostView>("Post", eventId, kind, body, anonymous);

    /// <summary>Checks <paramref name="done"/> until it holds, or fails after <see cref="Patience"/>; messages arrive when they arrive.</summary>
    public static async Task WaitUntilAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Waited {Patience.TotalSeconds:0} s for {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>A refused hub call: its HubException, whose message carries the sentence for the person.</summary>
    public static async Task<string> RefusedAsync(Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<HubException>(call);
        return refused.Message;
    }

    public static Task<int> CountAsync(this CommunityAppFactory app, Func<HeartsMinds.Community.Platform.Data.CommunityDb, Task<int>> count) => app.WithDbAsync(count);

    public static Task<Board> BoardAsync(this CommunityAppFactory app, long eventId) =>
        app.WithDbAsync(db => db.Boards.AsNoTracking().SingleAsync(b => b.EventId == eventId));

    public static Task<List<BoardPost>> PostsAsync(this CommunityAppFactory app, long eventId) =>
        app.WithDbAsync(db => db.BoardPosts.AsNoTracking().Where(p => db.Boards.Any(b => b.Id == p.BoardId && b.EventId == eventId)).OrderBy(p => p.Id).ToListAsync());

    /// <summary>Runs <paramref name="work"/> with a BoardDesk as staff of this event's board (for the staff-only settings).</summary>
    public static async Task<T> AsStaffAsync<T>(this CommunityAppFactory app, long eventId, Func<BoardDesk, BoardCaller, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        var desk = scope.ServiceProvider.GetRequiredService<BoardDesk>();
        var board = (await desk.FindAsync(eventId))!;
        return await work(desk, new BoardCaller(board.Id, eventId, null, "test-staff"));
    }
}

/// <summary>One connected screen: its connection and everything the hub sent it.</summary>
public sealed class BoardScreen : IAsyncDisposable
{
    public BoardScreen(HubConnection connection)
    {
        Connection = connection;
        connection.On<BoardChange>(BoardBroadcast.ChangedMessage, change => Changes.Enqueue(change));
        connection.On<long>(BoardBroadcast.RemovedMessage, eventId => Removals.Enqueue(eventId));
    }

    public HubConnection Connection { get; }
    public BoardSync? Sync { get; set; }
    public ConcurrentQueue<BoardChange> Changes { get; } = new();
    public ConcurrentQueue<long> Removals { get; } = new();

    /// <summary>The latest change heard about a post, or null.</summary>
    public PostView? Heard(long postId) => Changes.Where(c => c.Post?.Id == postId).MaxBy(c => c.Sequence)?.Post;

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

public static class BoardPages
{
    /// <summary>A page's text with HTML entities decoded.</summary>
    public static async Task<string> TextAsync(this HttpClient client, string url) =>
        await (await client.GetAsync(url)).TextAsync();
}
