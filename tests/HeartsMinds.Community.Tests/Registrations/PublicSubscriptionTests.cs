using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Calendar;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Registrations;

/// <summary>/conversation-space and "register for every session", through to the subscription's private page.</summary>
public sealed class PublicSubscriptionTests : IClassFixture<CommunityAppFactory>
{
    private readonly CommunityAppFactory app;

    public PublicSubscriptionTests(CommunityAppFactory app) =>
        this.app = app.WithSetting("EverySession:PlacesTakenBefore", PlacesTakenBefore.ToString());

    private const string SeriesJoiningLink = "https://zoom.example/j/series-secret-link";

    [Fact]
    public async Task The_Conversation_Space_page_says_what_it_is_when_it_meets_and_lists_sessions_with_places_but_no_joining_link()
    {
        var (series, sessions) = await SeriesAsync();

        var response = await app.CreateBrowserLikeClient().GetAsync("/conversation-space");
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Bring a cuppa.", html); // the series' own description, once (see NextDateTests)
        Assert.Contains(series.PatternDescription, html);
        Assert.Contains("href=\"/conversation-space/register\"", html);
        Assert.All(sessions, s => Assert.Contains($"href=\"/events/{s.Id}/register\"", html));
        Assert.Contains("places left", html);
        Assert.DoesNotContain("series-secret-link", html);
    }

    [Fact]
    public async Task Registering_for_every_session_sends_each_person_one_email_with_one_recurring_invitation_and_takes_only_the_places_due()
    {
        var (_, sessions) = await SeriesAsync();
        var due = sessions.Where(s => s.StartsAt <= DateTimeOffset.UtcNow + PlacesTakenBefore).ToList();
        Assert.NotEmpty(due);
        Assert.True(due.Count < sessions.Count, "a session beyond the window is needed for this test");
        var key = Guid.NewGuid();
        var client = app.CreateBrowserLikeClient();

        var response = await client.SubmitAsync("/conversation-space/register",
            PublicForm.Fields(key, "Every Session Org", ("Eve Every", "eve@every.example"), ("Sol Session", "sol@every.example")));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/conversation-space/registered?key={key}", response.Headers.Location!.OriginalString);
        var confirmation = await client.GetAsync(response.Headers.Location);
        var html = await confirmation.TextAsync();
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.Equal(due.Count, Regex.Matches(html, "Eve Every: <span class=\"tag tag--open\">Has a place</span>").Count);
        Assert.Equal(sessions.Count - due.Count, Regex.Matches(html, "places taken on ").Count); // the later ones, one line each
        Assert.DoesNotContain("series-secret-link", html);
        var places = await app.WithDbAsync(db => db.Attendees.Where(a => a.EmailKey == "eve@every.example" && a.Status == AttendeeStatus.Confirmed)
            .Select(a => a.EventId).ToListAsync());
        Assert.Equal(due.Select(s => s.Id).Order(), places.Order());

        // One email for Eve, one for Sol, one for the contact: not one per session.
        var emails = await app.WithDbAsync(db => db.OutboxMessages
            .Where(m => m.ToAddress == "eve@every.example" || m.ToAddress == "sol@every.example" || m.ToAddress == "contact@everysessionorg.example").ToListAsync());
        Assert.Equal(3, emails.Count);
        var eve = emails.Single(m => m.ToAddress == "eve@every.example");
        Assert.Equal("series-welcome", eve.Purpose);
        Assert.Equal("REQUEST", eve.CalendarMethod);
        Assert.Contains("RRULE:FREQ=MONTHLY;BYDAY=2TU", eve.CalendarContent);
        Assert.Contains("ATTENDEE;", eve.CalendarContent);
        Assert.DoesNotContain("series-secret-link", eve.CalendarContent); // the joining link comes by email with each place
        Assert.Contains(SeriesJoiningLink, eve.TextBody); // ...as it does for the places already taken
        Assert.Contains("https://localhost/places/", eve.TextBody);

        // ical.js expands Eve's invitation to the series' sessions.
        var expanded = ExternalParsers.IcalJs(eve.CalendarContent!, limit: sessions.Count);
        var starts = expanded.GetProperty("occurrences").EnumerateArray().Select(o => DateTimeOffset.Parse(o.GetProperty("start").GetString()!)).ToList();
        Assert.Equal(sessions.Select(s => s.StartsAt), starts);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/conversation-space/registered?key={Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Someone_already_registered_for_a_session_elsewhere_is_shown_as_that_and_nothing_more()
    {
        var (_, sessions) = await SeriesAsync();
        await app.RegisterAsync(TestEvents.Request(sessions[0].Id, "Hidden Org", "kept@apart.example"));
        var key = Guid.NewGuid();
        var client = app.CreateBrowserLikeClient();

        var response = await client.SubmitAsync("/conversation-space/register",
            PublicForm.Fields(key, "Curious Org", ("Kit Apart", "kept@apart.example")));
        var html = await (await client.GetAsync(response.Headers.Location)).TextAsync();

        Assert.Contains("Kit Apart: <span class=\"tag \">Already registered separately</span>", html);
        Assert.DoesNotContain("Hidden Org", html);
        Assert.DoesNotContain("hiddenorg.example", html);
        Assert.DoesNotContain("Person kept", html); // the name the other registration gave
    }

    [Fact]
    public async Task The_every_session_form_is_checked_like_the_single_event_one_and_a_resubmission_makes_one_subscription()
    {
        await SeriesAsync();
        var client = app.CreateBrowserLikeClient();

        var invalid = await client.SubmitAsync("/conversation-space/register",
            PublicForm.Fields(Guid.NewGuid(), "", ("Same", "same@sub.example"), ("Same Again", "SAME@sub.example")));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var invalidHtml = await invalid.TextAsync();
        Assert.Contains("Enter the name of your organisation", invalidHtml);
        Assert.Contains("The email address of person 2 is the same as person 1's", invalidHtml);

        var key = Guid.NewGuid();
        var fields = PublicForm.Fields(key, "Resubmit Sub", ("Rita Resubmit", "rita@resubmit.example"));
        var first = await client.SubmitAsync("/conversation-space/register", fields);
        var second = await client.SubmitAsync("/conversation-space/register", fields);
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.SeriesSubscriptions.CountAsync(s => s.SubmissionKey == key)));
    }

    [Fact]
    public async Task The_private_page_shows_every_session_and_one_session_can_be_dropped_without_touching_the_others()
    {
        var (_, sessions) = await SeriesAsync();
        var due = sessions.Where(s => s.StartsAt <= DateTimeOffset.UtcNow + PlacesTakenBefore).ToList();
        var token = await SubscribeAsync("Drop Org", ("Dora Drop", "dora@drop.example"), ("Dan Drop", "dan@drop.example"));
        var client = app.CreateBrowserLikeClient();

        var page = await client.GetAsync($"/registrations/{token}");
        var html = await page.TextAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("Every Conversation Space session", html);
        Assert.All(due, s => Assert.Contains($"/cancel?session={s.Id}", html));
        Assert.Contains(SeriesJoiningLink, html); // they have places, so the private page may show it
        Assert.Contains("handler=UpdateMember", html); // the contact can correct a name or address

        var dropped = sessions[0];
        var question = await client.GetAsync($"/registrations/{token}/cancel?session={dropped.Id}");
        Assert.Contains("Everyone stays registered for the other sessions", await question.TextAsync());
        var done = await client.SubmitAsync($"/registrations/{token}/cancel?session={dropped.Id}", NoFields);

        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        var statuses = await app.WithDbAsync(db => db.Attendees.Where(a => a.EmailKey == "dora@drop.example" || a.EmailKey == "dan@drop.example")
            .Select(a => new { a.EventId, a.Status }).ToListAsync());
        Assert.All(statuses.Where(s => s.EventId == dropped.Id), s => Assert.Equal(AttendeeStatus.Cancelled, s.Status));
        Assert.All(statuses.Where(s => s.EventId != dropped.Id), s => Assert.Equal(AttendeeStatus.Confirmed, s.Status));
        Assert.Equal(2 * due.Count, statuses.Count);

        // Each of them hears once, with their series invitation updated to leave that session out.
        var update = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "dora@drop.example" && m.Purpose == "session-dropped"));
        Assert.Equal("REQUEST", update.CalendarMethod);
        var expanded = ExternalParsers.IcalJs(update.CalendarContent!, limit: sessions.Count);
        var starts = expanded.GetProperty("occurrences").EnumerateArray().Select(o => DateTimeOffset.Parse(o.GetProperty("start").GetString()!)).ToList();
        Assert.DoesNotContain(dropped.StartsAt, starts);
        Assert.Contains(sessions[1].StartsAt, starts);
    }

    [Fact]
    public async Task Stopping_one_person_cancels_only_their_places_and_leaving_the_series_cancels_the_rest()
    {
        var (_, sessions) = await SeriesAsync();
        var token = await SubscribeAsync("Leave Org", ("Stay Long", "stay@leave.example"), ("Go Soon", "go@leave.example"));
        var goSoon = await app.WithDbAsync(db => db.Set<SeriesSubscriber>().SingleAsync(m => m.Email == "go@leave.example"));
        var client = app.CreateBrowserLikeClient();

        var due = sessions.Count(s => s.StartsAt <= DateTimeOffset.UtcNow + PlacesTakenBefore);
        var removed = await client.SubmitAsync($"/registrations/{token}/cancel?member={goSoon.Id}", NoFields);

        Assert.Equal(HttpStatusCode.SeeOther, removed.StatusCode);
        Assert.Equal(due, await CountAsync("go@leave.example", AttendeeStatus.Cancelled));
        Assert.Equal(due, await CountAsync("stay@leave.example", AttendeeStatus.Confirmed));
        // One email, whose cancellation takes the series out of their calendar; none per session.
        var goodbye = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == "go@leave.example" && m.Purpose != "series-welcome").ToListAsync());
        Assert.Equal("series-left", Assert.Single(goodbye).Purpose);
        Assert.Equal("CANCEL", goodbye[0].CalendarMethod);
        var page = await (await client.GetAsync($"/registrations/{token}")).TextAsync();
        Assert.Contains("Go Soon is no longer registered for every session", page);
        Assert.DoesNotContain("Stop registering Go Soon", page);

        var left = await client.SubmitAsync($"/registrations/{token}/cancel?leave=true", NoFields);

        Assert.Equal(HttpStatusCode.SeeOther, left.StatusCode);
        Assert.Equal(due, await CountAsync("stay@leave.example", AttendeeStatus.Cancelled));
        Assert.NotNull(await app.WithDbAsync(db => db.SeriesSubscriptions.Where(s => s.OrganisationName == "Leave Org").Select(s => s.EndedAt).SingleAsync()));
        var after = await (await client.GetAsync($"/registrations/{token}")).TextAsync();
        Assert.Contains("You've stopped registering for every session", after);
        var leaveAgain = await client.GetAsync($"/registrations/{token}/cancel?leave=true");
        Assert.Equal(HttpStatusCode.SeeOther, leaveAgain.StatusCode);
        Assert.Contains("You've already stopped registering for every session.", await (await client.GetAsync(leaveAgain.Headers.Location)).TextAsync());
    }

    private static readonly KeyValuePair<string, string>[] NoFields = [];

    /// <summary>Long enough that the next session's places are always taken at once, short enough that the third's are not.</summary>
    private static readonly TimeSpan PlacesTakenBefore = TimeSpan.FromDays(35);

    private Task<int> CountAsync(string email, AttendeeStatus status) =>
        app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EmailKey == email && a.Status == status));

    private async Task<string> SubscribeAsync(string organisation, params (string Name, string Email)[] people)
    {
        var response = await app.CreateBrowserLikeClient().SubmitAsync("/conversation-space/register", PublicForm.Fields(Guid.NewGuid(), organisation, people));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var contact = PublicForm.Fields(Guid.Empty, organisation).Single(f => f.Key == "Input.ContactEmail").Value;
        return await PublicForm.ManageTokenAsync(app, contact, "series-subscription");
    }

    /// <summary>The class's one active series (made by the first test that needs it) and its upcoming sessions.</summary>
    private async Task<(ConversationSpaceSeries Series, IReadOnlyList<Event> Sessions)> SeriesAsync()
    {
        var series = await app.WithDbAsync(db => db.ConversationSpaceSeries.SingleOrDefaultAsync());
        if (series is null)
        {
            series = new ConversationSpaceSeries
            {
                StartsOn = DateOnly.FromDateTime(DateTime.UtcNow),
                Capacity = 30,
                MonthsAhead = 3,
                JoiningUrl = SeriesJoiningLink,
                Description = "Bring a cuppa.",
            };
            await app.WithDbAsync(async db =>
            {
                db.ConversationSpaceSeries.Add(series);
                return await db.SaveChangesAsync();
            });
        }
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<SeriesPlanner>().FillHorizonAsync(series.Id);
        var sessions = await app.WithDbAsync(db => db.Events.Where(e => e.SeriesId == series.Id && e.StartsAt > DateTimeOffset.UtcNow)
            .OrderBy(e => e.StartsAt).ToListAsync());
        Assert.NotEmpty(sessions);
        return (series, sessions);
    }
}
