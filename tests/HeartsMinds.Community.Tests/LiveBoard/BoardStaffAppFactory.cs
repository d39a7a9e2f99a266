using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>
/// The app for the staff side of the live board, with the per-participant posting limit raised (the tests post
/// quickly), and steps that put people and posts on a board through the board's own desk.
/// </summary>
public sealed partial class BoardStaffAppFactory : CommunityAppFactory
{
    public BoardStaffAppFactory() => WithSetting("LiveBoard:PostsPerMinute", "6000");

    /// <summary>
    /// An event whose board is open now (it opens 15 minutes before the start) and which people can still register
    /// for (until it starts, in ten minutes).
    /// </summary>
    public Task<Event> OpenEventAsync(string title = "Conversation Space") =>
        this.CreateAsync(kind: EventKind.ConversationSpace, startsAt: DateTimeOffset.UtcNow.AddMinutes(10), change: e => e.Title = title);

    public async Task<Board> BoardAsync(long eventId)
    {
        using var scope = Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<BoardDesk>().FindAsync(eventId))!;
    }

    /// <summary>A moderator, as BoardAccess makes one for signed-in staff.</summary>
    public async Task<BoardCaller> ModeratorAsync(long eventId) => new((await BoardAsync(eventId)).Id, eventId, null, "test-moderator");

    /// <summary>Someone registered for the event with a confirmed place, joined to its board from their own link (as FromLink does).</summary>
    public async Task<BoardCaller> ParticipantAsync(long eventId, string name, string organisation)
    {
        var email = $"{Regex.Replace(name.ToLowerInvariant(), "[^a-z]", "")}.{Guid.NewGuid():N}@board.example";
        var attendee = (await this.RegisteredAsync(ManageTesting.Person(eventId, organisation, name, email))).Attendees.Single();
        var board = await BoardAsync(eventId);
        using var scope = Services.CreateScope();
        var participantId = await scope.ServiceProvider.GetRequiredService<BoardDesk>().JoinAsAttendeeAsync(board, attendee.Id, name, organisation);
        return new BoardCaller(board.Id, eventId, participantId, null);
    }

    public Task<PostView> PostAsync(BoardCaller caller, string text, PostKind kind = PostKind.Question, bool anonymous = false) =>
        WithBoardDeskAsync(desk => desk.PostAsync(caller, kind, text, anonymous));

    public async Task<BoardCaller> VoteAsync(long postId, BoardCaller voter)
    {
        await WithBoardDeskAsync(desk => desk.VoteAsync(voter, postId, up: true));
        return voter;
    }

    public async Task ModerateAsync(long eventId, long postId, params ModerationAction[] actions)
    {
        var moderator = await ModeratorAsync(eventId);
        foreach (var action in actions) await WithBoardDeskAsync(desk => desk.ModerateAsync(moderator, postId, action));
    }

    public async Task<T> WithBoardDeskAsync<T>(Func<BoardDesk, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<BoardDesk>());
    }

    /// <summary>A browser of someone with a confirmed place who opened the board from their own link: it holds their pass.</summary>
    public async Task<HttpClient> ParticipantBrowserAsync(long eventId, string name = "Pat Participant")
    {
        var attendee = (await this.RegisteredAsync(ManageTesting.Person(eventId, "Bluebell Care", name, $"p{Guid.NewGuid():N}@bluebell.example"))).Attendees.Single();
        var token = await WithDbAsync(async db =>
        {
            var issued = PrivateLink.IssueFor(db, attendee, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return issued;
        });
        var client = this.CreateBrowserLikeClient();
        var joined = await client.GetAsync($"/places/{token}/board");
        Assert.Equal(HttpStatusCode.SeeOther, joined.StatusCode);
        Assert.Equal($"/board/{eventId}", joined.Headers.Location!.OriginalString);
        return client;
    }
}
