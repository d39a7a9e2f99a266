using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Security;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static HeartsMinds.Community.Tests.Calendar.CalendarText;

namespace HeartsMinds.Community.Tests.Calendar;

/// <summary>An organisation's own registrations as a private feed, reached from its manage page.</summary>
public sealed partial class PrivateFeedTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task The_manage_page_gives_a_private_feed_of_the_organisations_own_registrations_and_who_is_coming()
    {
        var online = await app.CreateAsync(capacity: 5, kind: EventKind.ConversationSpace, change: e => e.Title = "Private: online");
        var full = await app.CreateAsync(capacity: 0, change: e => e.Title = "Private: full day");
        var theirs = await app.CreateAsync(change: e => e.Title = "Private: someone else's");
        var manageToken = await RegisterAsync(TestEvents.Request(online.Id, "Acacia", "amira@acacia.example"));
        await RegisterAsync(TestEvents.Request(full.Id, "Acacia", "ben@acacia.example"));
        await RegisterAsync(TestEvents.Request(theirs.Id, "Bluebell", "bea@bluebell.example"));
        var client = app.CreateBrowserLikeClient();

        var feedUrl = await NewFeedUrlAsync(client, manageToken);
        var response = await client.GetAsync(feedUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.Equal("noindex", Assert.Single(response.Headers.GetValues("X-Robots-Tag")));
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Contains("SUMMARY:Private: online", ics);
        Assert.Contains("SUMMARY:Private: full day (waitlist)", ics);
        Assert.DoesNotContain("someone else", ics);
        Assert.DoesNotContain("secret-joining-link", ics); // a feed address lives on in calendar services: the link stays in invitations
        Assert.Contains("The joining link is emailed to each person with a place.", ics);
        Assert.Contains("Person amira (has a place)", ics);
        Assert.Empty(All(ics, "METHOD"));
        Assert.Empty(All(ics, "ATTENDEE"));
        var events = AcceptedByAllParsers(ics).GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("summary").GetString()!);
        Assert.Equal("CONFIRMED", events["Private: online"].GetProperty("status").GetString());
        Assert.Equal("TENTATIVE", events["Private: full day (waitlist)"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancelled_places_show_as_cancelled_so_they_leave_the_calendar()
    {
        var ev = await app.CreateAsync(change: e => e.Title = "Private: cancelled place");
        var registration = await app.RegisteredAsync(TestEvents.Request(ev.Id, "Cedar", "cal@cedar.example"));
        var manageToken = await NewManageTokenAsync(registration.Id);
        await app.WithDeskAsync(desk => desk.CancelAttendeesAsync(ev.Id, [registration.Attendees[0].Id]));
        var client = app.CreateBrowserLikeClient();

        var ics = await client.GetStringAsync(await NewFeedUrlAsync(client, manageToken));

        var entry = OnlyEvent(AcceptedByAllParsers(ics));
        Assert.Equal("CANCELLED", entry.GetProperty("status").GetString());
        Assert.Equal("Cancelled: Private: cancelled place", entry.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task A_broken_or_replaced_feed_link_is_not_found()
    {
        var ev = await app.CreateAsync();
        var manageToken = await RegisterAsync(TestEvents.Request(ev.Id, "Dove", "dee@dove.example"));
        var client = app.CreateBrowserLikeClient();
        var oldFeed = await NewFeedUrlAsync(client, manageToken);
        var newFeed = await NewFeedUrlAsync(client, manageToken);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(newFeed)).StatusCode);
        foreach (var path in new[]
                 {
                     oldFeed, "/calendar/short.ics", $"/calendar/{SecretToken.Create().Token}.ics", "/calendar/%27%20OR%201%3D1--.ics",
                     $"/calendar/{new string('a', 5000)}.ics", newFeed.Replace(".ics", "x.ics"),
                 })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.CalendarFeeds.CountAsync(f => f.ContactEmailKey == "contact@dove.example")));
    }

    private async Task<string> RegisterAsync(RegistrationRequest request) =>
        await NewManageTokenAsync((await app.RegisteredAsync(request)).Id);

    /// <summary>The token is only in the email; a test makes a fresh one the way the desk does.</summary>
    private Task<string> NewManageTokenAsync(long registrationId) => app.WithDbAsync(async db =>
    {
        var registration = await db.Registrations.SingleAsync(r => r.Id == registrationId);
        var token = PrivateLink.Issue(db, registration, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return token;
    });

    private static async Task<string> NewFeedUrlAsync(HttpClient client, string manageToken)
    {
        var posted = await client.SubmitAsync($"/registrations/{manageToken}", [], $"/registrations/{manageToken}?handler=CalendarFeed");
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode); // so a refresh doesn't make another link
        Assert.Equal($"/registrations/{manageToken}#your-calendar", posted.Headers.Location!.OriginalString);
        var html = await (await client.GetAsync($"/registrations/{manageToken}")).TextAsync();
        Assert.Contains("Here is your private calendar link.", html);
        var url = FeedUrl().Match(html);
        Assert.True(url.Success, "The page shows the feed's https address.");
        Assert.Contains($"webcal://localhost/calendar/{url.Groups[1].Value}.ics", html);
        Assert.Contains($"cid=https%3A%2F%2Flocalhost%2Fcalendar%2F{url.Groups[1].Value}.ics", html); // never webcal:// (plain http) for Google
        // Shown once: the page no longer has it when opened again.
        Assert.DoesNotContain(url.Groups[1].Value, await (await client.GetAsync($"/registrations/{manageToken}")).TextAsync());
        return $"/calendar/{url.Groups[1].Value}.ics";
    }

    [GeneratedRegex(@"https://localhost/calendar/([A-Za-z0-9_-]{43})\.ics")]
    private static partial Regex FeedUrl();
}
