using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Features.Reminders;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>
/// People with a place reach the live board from their own link: in the email that gives them the place, in the
/// reminder, and on their own page. The link is /places/{token}/board, which takes them to their session's board.
/// </summary>
public sealed partial class BoardLinksForParticipantsTests : IAsyncLifetime
{
    private const string Line = "During the session: ask questions and share learning on the live board";
    private readonly TestClock _clock = new();
    private readonly List<CommunityAppFactory> _apps = [];
    private readonly List<string> _databases = [];

    // A Monday morning; the series meets on the second Tuesday: 12 January, 9 February, 9 March 2027.
    private static readonly DateTimeOffset Monday = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync()
    {
        _clock.Set(Monday);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        foreach (var database in _databases) await TestDatabases.DropAsync(database);
    }

    [Fact]
    public async Task The_place_email_has_the_live_board_link_in_HTML_and_text_it_opens_the_board_and_the_own_page_has_it_too()
    {
        var app = await StartAsync();
        var ev = await app.CreateAsync(capacity: 1, kind: EventKind.ConversationSpace, startsAt: Monday.AddDays(14));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia Family Support", "Ada Place", "ada@acacia.example"));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia Family Support", "Wyn Waiting", "wyn@acacia.example"));

        var email = (await EmailsToAsync(app, "ada@acacia.example")).Single(m => m.Purpose == "place-confirmed");
        var token = BoardLinkInText(email);
        Assert.Contains($"<a href=\"https://localhost/places/{token}/board\"", email.HtmlBody);
        Assert.Contains($">{Line}</a>", email.HtmlBody);
        // Someone on the waitlist has no place at the board yet.
        Assert.DoesNotContain("live board", (await EmailsToAsync(app, "wyn@acacia.example")).Single(m => m.Purpose == "waitlisted").TextBody);

        var browser = app.CreateBrowserLikeClient();
        var joined = await browser.GetAsync($"/places/{token}/board");
        Assert.Equal(HttpStatusCode.SeeOther, joined.StatusCode);
        Assert.Equal($"/board/{ev.Id}", joined.Headers.Location!.OriginalString);
        var board = await (await browser.GetAsync($"/board/{ev.Id}")).VisibleTextAsync();
        Assert.Contains($"The board opens at {EventTime.ToLocal(ev.StartsAt.AddMinutes(-15), ev.TimeZoneId):HH:mm}", board);
        Assert.DoesNotContain("Join this board", board);

        var own = await (await browser.GetAsync($"/places/{token}")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/places/{token}/board\"", own);
        Assert.Contains("Open the live board", own);
        var waitingToken = FreePlaceToken().Match((await EmailsToAsync(app, "wyn@acacia.example")).Single().TextBody).Groups[1].Value;
        var waitingPage = await (await browser.GetAsync($"/places/{waitingToken}")).Content.ReadAsStringAsync();
        Assert.Contains("on the waitlist", waitingPage);
        Assert.DoesNotContain("/board", waitingPage);
    }

    [Fact]
    public async Task A_face_to_face_place_email_has_the_link_too()
    {
        var app = await StartAsync();
        var ev = await app.CreateAsync(startsAt: Monday.AddDays(14));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Bluebell Care", "Fay Venue", "fay@bluebell.example"));
        var email = (await EmailsToAsync(app, "fay@bluebell.example")).Single(m => m.Purpose == "place-confirmed");
        var token = BoardLinkInText(email);
        Assert.Contains($"href=\"https://localhost/places/{token}/board\"", email.HtmlBody);
    }

    [Fact]
    public void Both_reminders_have_the_live_board_link_in_HTML_and_text()
    {
        var ev = new Event { Id = 42, Kind = EventKind.ConversationSpace, Title = "Conversation Space", StartsAt = Monday, EndsAt = Monday.AddHours(1.5), JoiningUrl = "https://zoom.example/j/1" };
        var attendee = new Attendee { Name = "Rhi Reminded", Email = "rhi@acacia.example", Status = AttendeeStatus.Confirmed,
            Registration = new Registration { OrganisationName = "Acacia Family Support" } };
        var site = new SiteOptions { BaseUrl = "https://community.example" };
        foreach (var rule in new[] { new ReminderRule { Key = "two-days", Before = TimeSpan.FromDays(2) }, new ReminderRule { Key = "one-hour", Before = TimeSpan.FromHours(1), OnlineOnly = true } })
        {
            var email = ReminderEmail.Write(rule, ev, attendee, "person-token-123", site);
            Assert.Contains($"{Line}:\nhttps://community.example/places/person-token-123/board\n", email.TextBody);
            Assert.Contains($"<a href=\"https://community.example/places/person-token-123/board\"", email.HtmlBody);
            Assert.Contains($">{Line}</a>", email.HtmlBody);
        }
    }

    [Fact]
    public async Task Every_session_emails_give_the_link_with_a_place_and_it_opens_the_board_of_the_session_on_at_the_time()
    {
        var app = await StartAsync();
        var sessions = await SeriesAsync(app);
        using (var scope = app.Services.CreateScope())
        {
            var seriesId = sessions[0].SeriesId!.Value;
            var outcome = await scope.ServiceProvider.GetRequiredService<SubscriptionDesk>().SubscribeAsync(new SubscriptionRequest(seriesId, Guid.NewGuid(),
                "Every Org", "Cass Contact", "cass@every.example", [new AttendeeDetails("Ada Every", "ada@every.example", null, null, null)]));
            Assert.IsType<SubscriptionOutcome.Subscribed>(outcome);
        }
        var welcome = (await EmailsToAsync(app, "ada@every.example")).Single(m => m.Purpose == "series-welcome");
        var memberToken = BoardLinkInText(welcome);
        Assert.Contains($"href=\"https://localhost/places/{memberToken}/board\"", welcome.HtmlBody);

        _clock.Set(sessions[1].StartsAt - TimeSpan.FromDays(28) + TimeSpan.FromMinutes(1));
        using (var scope = app.Services.CreateScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<SubscriptionDesk>().TakeDuePlacesAsync());
        var place = (await EmailsToAsync(app, "ada@every.example")).Single(m => m.Purpose == "session-place");
        var token = BoardLinkInText(place);
        Assert.Contains($"href=\"https://localhost/places/{token}/board\"", place.HtmlBody);

        // During February's session the link opens February's board.
        _clock.Set(sessions[1].StartsAt.AddMinutes(5));
        var browser = app.CreateBrowserLikeClient();
        var joined = await browser.GetAsync($"/places/{token}/board");
        Assert.Equal(HttpStatusCode.SeeOther, joined.StatusCode);
        Assert.Equal($"/board/{sessions[1].Id}", joined.Headers.Location!.OriginalString);
        var own = await (await browser.GetAsync($"/places/{token}")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/places/{token}/board\"", own);
    }

    private static string BoardLinkInText(OutboxMessage email)
    {
        var match = Regex.Match(email.TextBody, $@"{Regex.Escape(Line)}:\nhttps://localhost/places/([A-Za-z0-9_-]+)/board\n");
        Assert.True(match.Success, email.TextBody);
        return match.Groups[1].Value;
    }

    private async Task<CommunityAppFactory> StartAsync()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        _databases.Add(database);
        var app = CommunityAppFactory.ForDatabase(database).WithClock(_clock).WithSetting("Scheduling:Enabled", "false")
            .WithSetting("Mail:Outbox:Enabled", "false");
        _apps.Add(app);
        _ = app.Services;
        return app;
    }

    private static async Task<IReadOnlyList<Event>> SeriesAsync(CommunityAppFactory app)
    {
        var series = new ConversationSpaceSeries { StartsOn = DateOnly.FromDateTime(Monday.UtcDateTime), MonthsAhead = 3, JoiningUrl = "https://zoom.example/j/every" };
        await app.WithDbAsync(async db =>
        {
            db.ConversationSpaceSeries.Add(series);
            return await db.SaveChangesAsync();
        });
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<SeriesPlanner>().FillHorizonAsync(series.Id);
        return await app.WithDbAsync(db => db.Events.Where(e => e.SeriesId == series.Id).OrderBy(e => e.StartsAt).ToListAsync());
    }

    private static Task<List<OutboxMessage>> EmailsToAsync(CommunityAppFactory app, string address) =>
        app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == address).OrderBy(m => m.Id).ToListAsync());

    [GeneratedRegex(@"https://localhost/places/([A-Za-z0-9_-]+)/cancel")]
    private static partial Regex FreePlaceToken();
}
