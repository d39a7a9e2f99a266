using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Tests.Calendar;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Registrations;

/// <summary>
/// Every-session places taken session by session, four weeks ahead; one email per person per step; a series
/// update per change; and a person's own link. Each test has its own database and a clock it moves by hand (the
/// scheduler is off, so only the test takes places).
/// </summary>
public sealed partial class EverySessionPlacesTests : IAsyncLifetime
{
    private const string JoiningLink = "https://zoom.example/j/every-session";
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
    public async Task Places_are_taken_four_weeks_before_each_session_with_one_short_email_each_and_only_once()
    {
        var app = await StartAsync();
        var sessions = await SeriesAsync(app);
        await SubscribeAsync(app, ("Ada Every", "ada@every.example"), ("Ben Every", "ben@every.example"));

        // Now: only January's places, told inside the welcome email; nothing yet for February or March.
        Assert.Equal([sessions[0].Id], await PlacesAsync(app, "ada@every.example"));
        var welcome = Assert.Single(await EmailsToAsync(app, "ada@every.example"));
        Assert.Equal("series-welcome", welcome.Purpose);
        Assert.Contains("You have a place at the Conversation Space on Tuesday 12 January 2027", welcome.TextBody);
        Assert.Contains(JoiningLink, welcome.TextBody);

        // Four weeks before February's session, its places are taken, and each person gets one short email.
        _clock.Set(sessions[1].StartsAt - TimeSpan.FromDays(28) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await TakeDuePlacesAsync(app));
        Assert.Equal(0, await TakeDuePlacesAsync(app)); // again: nothing more

        Assert.Equal([sessions[0].Id, sessions[1].Id], await PlacesAsync(app, "ada@every.example"));
        var monthly = (await EmailsToAsync(app, "ada@every.example")).Skip(1).ToList();
        var email = Assert.Single(monthly);
        Assert.Equal("session-place", email.Purpose);
        Assert.Equal("Your place on Tuesday 9 February 2027: Conversation Space", email.Subject);
        Assert.Contains(JoiningLink, email.TextBody);
        Assert.Null(email.CalendarMethod); // the series invitation already holds the session
        Assert.Matches($"free your place|frees your place", email.TextBody);
        Assert.Contains($"/cancel?session={sessions[1].Id}", email.TextBody);
        Assert.Single(await EmailsToAsync(app, "ben@every.example"), m => m.Purpose == "session-place");
    }

    [Fact]
    public async Task A_full_session_puts_them_on_its_waitlist_and_their_email_says_where_they_are_in_it()
    {
        var app = await StartAsync();
        var sessions = await SeriesAsync(app);
        await app.WithDbAsync(db => db.Events.Where(e => e.Id == sessions[1].Id).ExecuteUpdateAsync(set => set.SetProperty(e => e.Capacity, 1)));
        await app.RegisterAsync(TestEvents.Request(sessions[1].Id, "Early Bird", "early@bird.example"));
        await SubscribeAsync(app, ("Ada Every", "ada@every.example"), ("Ben Every", "ben@every.example"));

        _clock.Set(sessions[1].StartsAt - TimeSpan.FromDays(27));
        await TakeDuePlacesAsync(app);

        var ada = (await EmailsToAsync(app, "ada@every.example")).Single(m => m.Purpose == "session-place");
        var ben = (await EmailsToAsync(app, "ben@every.example")).Single(m => m.Purpose == "session-place");
        Assert.Equal("You're on the waitlist for Tuesday 9 February 2027: Conversation Space", ada.Subject);
        Assert.Contains("you're on its waitlist: number 1.", ada.TextBody);
        Assert.Contains("you're on its waitlist: number 2.", ben.TextBody);
        Assert.DoesNotContain(JoiningLink, ada.TextBody);
    }

    [Fact]
    public async Task Staff_moving_a_session_send_each_person_one_update_of_their_series_invitation()
    {
        var app = await StartAsync();
        var sessions = await SeriesAsync(app);
        await SubscribeAsync(app, ("Ada Every", "ada@every.example"), ("Ben Every", "ben@every.example"));
        var later = sessions[1].StartsAt.AddHours(1);
        var laterEnd = sessions[1].EndsAt.AddHours(1);

        var changed = await app.WithDeskAsync(desk => desk.ChangeEventAsync(sessions[1].Id, e =>
        {
            e.StartsAt = later;
            e.EndsAt = laterEnd;
            e.DetachedFromSeries = true;
        }));

        Assert.Equal(2, changed!.Told);
        var updates = (await EmailsToAsync(app, "ada@every.example")).Skip(1).ToList();
        var update = Assert.Single(updates);
        Assert.Equal("series-changed", update.Purpose);
        Assert.Contains("Tuesday 9 February 2027: the time has changed", update.TextBody);
        Assert.Equal("REQUEST", update.CalendarMethod);
        var welcome = (await EmailsToAsync(app, "ada@every.example"))[0];
        Assert.True(Sequence(update.CalendarContent!) > Sequence(welcome.CalendarContent!));
        var starts = Occurrences(update.CalendarContent!, 3);
        Assert.Equal([sessions[0].StartsAt, later, sessions[2].StartsAt], starts);
    }

    [Fact]
    public async Task A_person_frees_their_own_place_from_their_own_link_and_the_next_person_waiting_gets_it()
    {
        var app = await StartAsync();
        var ev = await app.CreateAsync(capacity: 1, startsAt: Monday.AddDays(10));
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Acacia", "first@acacia.example", "second@acacia.example"));
        var firstEmail = (await EmailsToAsync(app, "first@acacia.example")).Single(m => m.Purpose == "place-confirmed");
        var secondEmail = (await EmailsToAsync(app, "second@acacia.example")).Single(m => m.Purpose == "waitlisted");
        Assert.Contains("on the waitlist: number 1", secondEmail.TextBody);
        var token = FreePlaceToken().Match(firstEmail.TextBody).Groups[1].Value;
        var client = app.CreateBrowserLikeClient();

        var own = await (await client.GetAsync($"/places/{token}")).TextAsync();
        Assert.Contains("You have a place", own);
        Assert.DoesNotContain("second@acacia.example", own); // their page is about them alone
        var question = await client.GetAsync($"/places/{token}/cancel");
        Assert.Equal(HttpStatusCode.OK, question.StatusCode);
        Assert.Equal(AttendeeStatus.Confirmed, await StatusAsync(app, ev.Id, "first@acacia.example")); // asking frees nothing
        var done = await client.SubmitAsync($"/places/{token}/cancel", []);

        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal(AttendeeStatus.Cancelled, await StatusAsync(app, ev.Id, "first@acacia.example"));
        Assert.Equal(AttendeeStatus.Confirmed, await StatusAsync(app, ev.Id, "second@acacia.example"));
        Assert.Single(await EmailsToAsync(app, "second@acacia.example"), m => m.Purpose == "waitlist-promotion");
        Assert.Contains("Your place on", await (await client.GetAsync(done.Headers.Location)).TextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/places/{token}x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/registrations/{token}")).StatusCode); // not a contact's link
    }

    [Fact]
    public async Task Lost_your_link_answers_the_same_for_anyone_and_emails_the_links_only_to_the_address_once_in_a_while()
    {
        var app = await StartAsync();
        var ev = await app.CreateAsync(startsAt: Monday.AddDays(10));
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Acacia", "kim@acacia.example"));
        var client = app.CreateBrowserLikeClient();

        var known = await client.SubmitAsync("/registrations/lost-link", ("Email", "Kim@Acacia.example "));
        var unknown = await client.SubmitAsync("/registrations/lost-link", ("Email", "nobody@nowhere.example"));
        var again = await client.SubmitAsync("/registrations/lost-link", ("Email", "kim@acacia.example"));

        Assert.All(new[] { known, unknown, again }, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        Assert.All(new[] { known, unknown, again }, r => Assert.Equal("/registrations/lost-link", r.Headers.Location!.OriginalString));
        var sent = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Purpose == "lost-links").ToListAsync());
        var email = Assert.Single(sent);
        Assert.Equal("Kim@Acacia.example", email.ToAddress);
        Assert.Contains("https://localhost/places/", email.TextBody);
        Assert.DoesNotContain("https://localhost/registrations/", email.TextBody); // Kim is coming, not the contact
        await client.SubmitAsync("/registrations/lost-link", ("Email", "contact@acacia.example"));
        var toContact = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Purpose == "lost-links" && m.ToAddress == "contact@acacia.example"));
        Assert.Contains("https://localhost/registrations/", toContact.TextBody);
        var bad = await client.SubmitAsync("/registrations/lost-link", ("Email", "not an address"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("look right. Enter it like name@example.org", await bad.TextAsync());
    }

    [Fact]
    public async Task A_contact_corrects_an_email_address_the_new_one_gets_the_place_and_the_old_one_a_cancellation()
    {
        var app = await StartAsync();
        var ev = await app.CreateAsync(startsAt: Monday.AddDays(10));
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Acacia", "typo@acacia.exmaple"));
        var contact = await app.WithDbAsync(db => db.Registrations.Where(r => r.EventId == ev.Id).Select(r => r.ContactEmail).SingleAsync());
        var manage = await PublicForm.ManageTokenAsync(app, contact);
        var oldLink = FreePlaceToken().Match((await EmailsToAsync(app, "typo@acacia.exmaple"))[0].TextBody).Groups[1].Value;
        var attendee = await app.WithDbAsync(db => db.Attendees.SingleAsync(a => a.EventId == ev.Id));
        var client = app.CreateBrowserLikeClient();

        var saved = await client.SubmitAsync($"/registrations/{manage}?handler=UpdateNeeds&attendee={attendee.Id}",
            ("Needs.Name", "Tia Typo"), ("Needs.Email", "tia@acacia.example"), ("Needs.AccessNeeds", "Captions, please"));

        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        var moved = await app.WithDbAsync(db => db.Attendees.SingleAsync(a => a.Id == attendee.Id));
        Assert.Equal(("Tia Typo", "tia@acacia.example", "Captions, please"), (moved.Name, moved.Email, moved.AccessNeeds));
        var toOld = (await EmailsToAsync(app, "typo@acacia.exmaple")).Last();
        Assert.Equal("address-replaced", toOld.Purpose);
        Assert.Equal("CANCEL", toOld.CalendarMethod);
        var toNew = Assert.Single(await EmailsToAsync(app, "tia@acacia.example"));
        Assert.Equal("place-confirmed", toNew.Purpose);
        Assert.Equal("REQUEST", toNew.CalendarMethod);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/places/{oldLink}")).StatusCode);

        var clash = await app.RegisterAsync(TestEvents.Request(ev.Id, "Other", "taken@other.example"));
        Assert.IsType<RegistrationOutcome.Registered>(clash);
        var refused = await client.SubmitAsync($"/registrations/{manage}?handler=UpdateNeeds&attendee={attendee.Id}",
            ("Needs.Name", "Tia Typo"), ("Needs.Email", "taken@other.example"), ("Needs.AccessNeeds", ""));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("tia@acacia.example", await app.WithDbAsync(db => db.Attendees.Where(a => a.Id == attendee.Id).Select(a => a.Email).SingleAsync()));
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
        var series = new ConversationSpaceSeries { StartsOn = DateOnly.FromDateTime(Monday.UtcDateTime), MonthsAhead = 3, JoiningUrl = JoiningLink };
        await app.WithDbAsync(async db =>
        {
            db.ConversationSpaceSeries.Add(series);
            return await db.SaveChangesAsync();
        });
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<SeriesPlanner>().FillHorizonAsync(series.Id);
        var sessions = await app.WithDbAsync(db => db.Events.Where(e => e.SeriesId == series.Id).OrderBy(e => e.StartsAt).ToListAsync());
        Assert.Equal([new DateOnly(2027, 1, 12), new DateOnly(2027, 2, 9), new DateOnly(2027, 3, 9)], sessions.Select(s => s.OccurrenceDate!.Value));
        return sessions;
    }

    private static async Task SubscribeAsync(CommunityAppFactory app, params (string Name, string Email)[] people)
    {
        using var scope = app.Services.CreateScope();
        var seriesId = await scope.ServiceProvider.GetRequiredService<HeartsMinds.Community.Platform.Data.CommunityDb>().ConversationSpaceSeries.Select(s => s.Id).SingleAsync();
        var outcome = await scope.ServiceProvider.GetRequiredService<SubscriptionDesk>().SubscribeAsync(new SubscriptionRequest(seriesId, Guid.NewGuid(),
            "Every Org", "Cass Contact", "cass@every.example", people.Select(p => new AttendeeDetails(p.Name, p.Email, null, null, null)).ToList()));
        Assert.IsType<SubscriptionOutcome.Subscribed>(outcome);
    }

    private static async Task<int> TakeDuePlacesAsync(CommunityAppFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SubscriptionDesk>().TakeDuePlacesAsync();
    }

    private static Task<List<long>> PlacesAsync(CommunityAppFactory app, string email) =>
        app.WithDbAsync(db => db.Attendees.Where(a => a.EmailKey == email && a.Status == AttendeeStatus.Confirmed).OrderBy(a => a.EventId).Select(a => a.EventId).ToListAsync());

    private static Task<AttendeeStatus> StatusAsync(CommunityAppFactory app, long eventId, string email) =>
        app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == eventId && a.EmailKey == email).OrderByDescending(a => a.Id).Select(a => a.Status).FirstAsync());

    private static Task<List<OutboxMessage>> EmailsToAsync(CommunityAppFactory app, string address) =>
        app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == address).OrderBy(m => m.Id).ToListAsync());

    private static int Sequence(string calendar) => int.Parse(Regex.Match(calendar, @"\r\nSEQUENCE:(\d+)\r\n").Groups[1].Value);

    private static List<DateTimeOffset> Occurrences(string calendar, int limit) =>
        ExternalParsers.IcalJs(calendar, limit).GetProperty("occurrences").EnumerateArray()
            .Select(o => DateTimeOffset.Parse(o.GetProperty("start").GetString()!)).ToList();

    [GeneratedRegex(@"https://localhost/places/([A-Za-z0-9_-]+)/cancel")]
    private static partial Regex FreePlaceToken();
}
