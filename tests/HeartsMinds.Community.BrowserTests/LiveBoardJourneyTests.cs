using System.Text.RegularExpressions;
using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests;

/// <summary>
/// The live board in three real Chromium pages during a session: two participants (a phone and a laptop, from their
/// own email links) and a moderator. axe checks every page; the site's own CSP stays on for the participants.
/// </summary>
public sealed partial class LiveBoardJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Posts_votes_and_moderation_reach_every_screen_at_once()
    {
        var session = await SessionAsync();
        var errorsBefore = browser.ConsoleErrors.Count;
        var sam = await ParticipantAsync(session, "sam", width: 360);
        var jo = await ParticipantAsync(session, "jo", width: 1280);
        var staff = await ModeratorAsync(session.EventId);

        await PostAsync(sam, "How do other services keep in touch with dads in the first six weeks? <script>window.pwned = 1</script>");
        var samsPost = jo.Locator("li.board-post", new() { HasText = "keep in touch with dads" });
        await Assertions.Expect(samsPost).ToContainTextAsync("Sam Able, Board Test Org");
        await Assertions.Expect(samsPost).ToContainTextAsync("<script>window.pwned = 1</script>");
        Assert.Equal("undefined", await jo.EvaluateAsync<string>("typeof window.pwned"));
        await Assertions.Expect(staff.Locator("li.board-post", new() { HasText = "keep in touch with dads" })).ToBeVisibleAsync();

        await jo.GetByLabel("Shared learning").CheckAsync();
        await jo.GetByLabel("Post anonymously", new() { Exact = false }).CheckAsync();
        await PostAsync(jo, "A WhatsApp group for our peer supporters has kept people talking between sessions.");
        var josPost = sam.Locator("li.board-post", new() { HasText = "WhatsApp group" });
        await Assertions.Expect(josPost).ToContainTextAsync("Anonymous");
        await Assertions.Expect(josPost).Not.ToContainTextAsync("Jo Brown");
        await Assertions.Expect(staff.Locator("li.board-post", new() { HasText = "WhatsApp group" })).ToContainTextAsync("posted by Jo Brown");

        // Top: the oldest first among equal votes; one upvote for the later post puts it first on every screen.
        await Assertions.Expect(jo.Locator("li.board-post").First).ToContainTextAsync("keep in touch with dads");
        await josPost.GetByRole(AriaRole.Button, new() { NameRegex = UpvoteName() }).ClickAsync();
        await Assertions.Expect(josPost.GetByRole(AriaRole.Button, new() { NameRegex = UpvoteName() })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(jo.Locator("li.board-post").First).ToContainTextAsync("WhatsApp group");
        await Assertions.Expect(sam.Locator("li.board-post").First).ToContainTextAsync("WhatsApp group");
        await Assertions.Expect(jo.Locator("li.board-post", new() { HasText = "WhatsApp group" }).Locator("[data-votes]")).ToHaveTextAsync("1");

        await staff.Locator("li.board-post", new() { HasText = "keep in touch with dads" })
            .GetByRole(AriaRole.Button, new() { Name = "Hide", Exact = true }).ClickAsync();
        foreach (var page in new[] { sam, jo })
        {
            var removed = page.Locator("li.board-post:has([data-removed]:not([hidden]))");
            await Assertions.Expect(removed).ToHaveCountAsync(1);
            await Assertions.Expect(removed).Not.ToContainTextAsync("keep in touch with dads");
            await Assertions.Expect(page.Locator("li.board-post", new() { HasText = "WhatsApp group" }).Locator("[data-removed]")).ToBeHiddenAsync();
        }
        await Assertions.Expect(staff.Locator("li.board-post", new() { HasText = "keep in touch with dads" }).Locator("[data-removed]")).ToBeVisibleAsync();

        foreach (var page in new[] { sam, jo, staff }) await page.AssertNoAxeViolationsAsync();
        Assert.Empty(browser.ConsoleErrors.Skip(errorsBefore));
    }

    [Fact]
    public async Task With_pre_moderation_on_a_post_appears_to_others_only_after_approval()
    {
        var session = await SessionAsync();
        var sam = await ParticipantAsync(session, "sam", width: 360);
        var jo = await ParticipantAsync(session, "jo", width: 1280);
        var staff = await ModeratorAsync(session.EventId);

        await staff.GetByRole(AriaRole.Button, new() { Name = "Turn pre-moderation on" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Button, new() { Name = "Turn pre-moderation off" })).ToBeVisibleAsync();

        await PostAsync(sam, "Has anyone found funding for a perinatal peer support coordinator?");
        await Assertions.Expect(sam.Locator("li.board-post", new() { HasText = "funding for a perinatal" }).Locator("[data-waiting]")).ToBeVisibleAsync();
        var held = staff.Locator("[data-queue] li.board-post", new() { HasText = "funding for a perinatal" });
        await Assertions.Expect(held).ToContainTextAsync("Held: pre-moderation");
        // Jo's screen has applied the change that held the post, and shows nothing of it.
        var number = await browser.App.WithDbAsync(db => db.Boards.Where(b => b.EventId == session.EventId).Select(b => b.LastSequence).SingleAsync());
        await Assertions.Expect(jo.Locator("[data-board]")).ToHaveAttributeAsync("data-applied", number.ToString());
        await Assertions.Expect(jo.Locator("li.board-post", new() { HasText = "funding for a perinatal" })).ToHaveCountAsync(0);
        await jo.AssertNoAxeViolationsAsync();
        await staff.AssertNoAxeViolationsAsync();

        await held.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(jo.Locator("li.board-post", new() { HasText = "funding for a perinatal" })).ToContainTextAsync("Sam Able");
        await Assertions.Expect(sam.Locator("li.board-post", new() { HasText = "funding for a perinatal" }).Locator("[data-waiting]")).ToBeHiddenAsync();
        await Assertions.Expect(staff.Locator("[data-posts] li.board-post", new() { HasText = "funding for a perinatal" })).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("[data-queue] li.board-post")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_screen_that_loses_its_connection_shows_what_it_missed_when_it_comes_back()
    {
        var session = await SessionAsync();
        // Sam's page keeps its WebSockets where the test can drop them, and refuses new ones while "offline"
        // (Playwright's own WebSocket routing is not used: closing a routed socket breaks the .NET driver).
        var sam = await ParticipantAsync(session, "sam", width: 360, beforeOpening: page => page.AddInitScriptAsync("""
            (() => {
              const Native = window.WebSocket;
              window.testSockets = [];
              window.testOffline = false;
              window.WebSocket = function (url, protocols) {
                const socket = new Native(url, protocols);
                if (window.testOffline) setTimeout(() => socket.close(4000, 'offline'), 0);
                window.testSockets.push(socket);
                return socket;
              };
              window.WebSocket.prototype = Native.prototype;
              Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
            })();
            """));
        var jo = await ParticipantAsync(session, "jo", width: 1280);
        await PostAsync(jo, "Before the drop: our volunteers meet every Thursday.");
        await Assertions.Expect(sam.Locator("li.board-post", new() { HasText = "Before the drop" })).ToBeVisibleAsync();

        await sam.EvaluateAsync("() => { window.testOffline = true; window.testSockets.forEach(s => s.close(4000, 'dropped')); }");
        await Assertions.Expect(sam.Locator("[data-connection]")).ToContainTextAsync("reconnecting");

        await PostAsync(jo, "While you were away: we now run a dads' group on Saturday mornings.");
        await PostAsync(jo, "And a second one you missed: a walking group.");
        await Assertions.Expect(sam.Locator("li.board-post", new() { HasText = "dads' group on Saturday" })).ToHaveCountAsync(0);

        await sam.EvaluateAsync("() => { window.testOffline = false; }");
        await Assertions.Expect(sam.Locator("li.board-post", new() { HasText = "dads' group on Saturday" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(sam.Locator("li.board-post", new() { HasText = "a walking group" })).ToBeVisibleAsync();
        await Assertions.Expect(sam.Locator("[data-connection]")).ToBeHiddenAsync();
        // Each post once, however the changes arrived.
        await Assertions.Expect(sam.Locator("li.board-post")).ToHaveCountAsync(3);
        await sam.AssertNoAxeViolationsAsync();
    }

    private sealed record Session(long EventId, Dictionary<string, string> Tokens);

    /// <summary>An online session on now (its board open), with Sam and Jo registered, each with their own link.</summary>
    private async Task<Session> SessionAsync()
    {
        var ev = await browser.App.WithDbAsync(async db =>
        {
            var start = DateTimeOffset.UtcNow.AddDays(10);
            var ev = new Event
            {
                Kind = EventKind.ConversationSpace, Status = EventStatus.Published, Title = $"Conversation Space {Guid.NewGuid().ToString()[..4]}",
                StartsAt = start, EndsAt = start.AddHours(1), Capacity = 20, JoiningUrl = "https://meet.example/board-test",
            };
            db.Events.Add(ev);
            await db.SaveChangesAsync();
            return ev;
        });
        var tag = ev.Id.ToString();
        var people = new Dictionary<string, (string Name, string Email)>
        {
            ["sam"] = ("Sam Able", $"sam{tag}@board.example"),
            ["jo"] = ("Jo Brown", $"jo{tag}@board.example"),
        };
        using (var scope = browser.App.Services.CreateScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<RegistrationDesk>().RegisterAsync(new RegistrationRequest(ev.Id, Guid.NewGuid(),
                "Board Test Org", "Cara Contact", $"cara{tag}@board.example",
                people.Values.Select(p => new AttendeeDetails(p.Name, p.Email, null, null, null)).ToList()));
            Assert.IsType<RegistrationOutcome.Registered>(outcome);
        }
        // The session started five minutes ago: its board is open.
        await browser.App.WithDbAsync(db => db.Events.Where(e => e.Id == ev.Id).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.StartsAt, DateTimeOffset.UtcNow.AddMinutes(-5)).SetProperty(e => e.EndsAt, DateTimeOffset.UtcNow.AddMinutes(55))));
        var tokens = new Dictionary<string, string>();
        foreach (var (key, person) in people)
        {
            var body = await browser.App.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == person.Email).OrderBy(m => m.Id).Select(m => m.TextBody).FirstAsync());
            tokens[key] = OwnLink().Match(body).Groups[1].Value;
        }
        return new Session(ev.Id, tokens);
    }

    private async Task<IPage> ParticipantAsync(Session session, string who, int width, Func<IPage, Task>? beforeOpening = null)
    {
        var page = await browser.NewStrictCspPageAsync(width, 800);
        if (beforeOpening is not null) await beforeOpening(page);
        await page.GotoAsync($"/places/{session.Tokens[who]}/board");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/board/{session.EventId}");
        await ConnectedAsync(page);
        return page;
    }

    private async Task<IPage> ModeratorAsync(long eventId)
    {
        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(CommunityAppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(CommunityAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/manage");
        await page.GotoAsync($"/board/{eventId}");
        await ConnectedAsync(page);
        return page;
    }

    /// <summary>board.js has joined the board over the hub (it marks the last number it applied).</summary>
    private static Task ConnectedAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-board]")).ToHaveAttributeAsync("data-applied", new Regex(@"^\d+$"));

    private static async Task PostAsync(IPage page, string text)
    {
        await page.GetByLabel("Your post").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Your post")).ToHaveValueAsync("");
    }

    [GeneratedRegex(@"/places/([A-Za-z0-9_-]{43})")]
    private static partial Regex OwnLink();

    [GeneratedRegex("upvote|take back")]
    private static partial Regex UpvoteName();
}
