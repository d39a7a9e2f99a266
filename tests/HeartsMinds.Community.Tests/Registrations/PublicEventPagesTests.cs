using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Tests.Infrastructure;

namespace HeartsMinds.Community.Tests.Registrations;

/// <summary>/events, /events/past and /events/{id}: what the public sees, and what it must never see.</summary>
public sealed class PublicEventPagesTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    private const string JoiningLink = "https://zoom.example/j/secret-joining-link";

    [Fact]
    public async Task The_events_page_shows_online_sessions_and_face_to_face_events_apart_and_never_drafts()
    {
        // The soonest session, so it is the series' card rather than a line in the list of later dates.
        var online = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: DateTimeOffset.UtcNow.AddHours(1), change: e => e.Title = "Online pages session");
        var inPerson = await app.CreateAsync(change: e => e.Title = "Leicester pages day");
        await app.CreateAsync(status: EventStatus.Draft, change: e => e.Title = "Draft pages event");
        var cancelled = await app.CreateAsync(status: EventStatus.Cancelled, change: e => e.Title = "Cancelled pages event");
        var client = app.CreateBrowserLikeClient();

        var response = await client.GetAsync("/events");
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Draft pages event", html);
        var faceToFaceHeading = html.IndexOf("Face-to-face events (in person)</h2>", StringComparison.Ordinal);
        var onlineHeading = html.IndexOf("Conversation Space (online, monthly)</h2>", StringComparison.Ordinal);
        Assert.True(html.IndexOf("Online pages session", StringComparison.Ordinal) > onlineHeading, "The online session is listed under the Conversation Space heading");
        Assert.True(html.IndexOf("Leicester pages day", StringComparison.Ordinal) is var at && at > faceToFaceHeading && at < onlineHeading,
            "The face-to-face event is listed under its own heading");
        Assert.Contains("Online", CardFor(html, online.Id));
        Assert.Contains("In person", CardFor(html, inPerson.Id));
        Assert.Contains("The Community Hall, Birmingham", CardFor(html, inPerson.Id));
        Assert.Contains("(UK time)", CardFor(html, inPerson.Id));
        Assert.Contains("Cancelled: Cancelled pages event", CardFor(html, cancelled.Id));
        Assert.DoesNotContain("secret-joining-link", html);
    }

    [Fact]
    public async Task Each_event_in_the_list_says_how_its_places_stand()
    {
        var open = await app.CreateAsync(capacity: 3);
        var fullWithWaitlist = await app.CreateAsync(capacity: 1);
        var fullNoWaitlist = await app.CreateAsync(capacity: 1, waitlist: false);
        var closed = await app.CreateAsync(change: e => e.RegistrationClosesAt = DateTimeOffset.UtcNow.AddMinutes(-5));
        await app.RegisterAsync(TestEvents.Request(open.Id, "Places One", "one@places.example"));
        await app.RegisterAsync(TestEvents.Request(fullWithWaitlist.Id, "Places Two", "two@places.example"));
        await app.RegisterAsync(TestEvents.Request(fullNoWaitlist.Id, "Places Three", "three@places.example"));

        var html = await (await app.CreateBrowserLikeClient().GetAsync("/events")).TextAsync();

        Assert.Contains("2 places left", CardFor(html, open.Id));
        Assert.Contains("Full – join the waitlist", CardFor(html, fullWithWaitlist.Id));
        Assert.Contains(">Full<", CardFor(html, fullNoWaitlist.Id));
        Assert.Contains("Registration closed", CardFor(html, closed.Id));
    }

    [Fact]
    public async Task Past_events_are_on_their_own_page_and_not_among_the_upcoming()
    {
        var past = await app.CreateAsync(startsAt: DateTimeOffset.UtcNow.AddDays(-30), change: e => e.Title = "Long ago gathering");
        var client = app.CreateBrowserLikeClient();

        var upcoming = await (await client.GetAsync("/events")).TextAsync();
        var pastPage = await client.GetAsync("/events/past");

        Assert.DoesNotContain("Long ago gathering", upcoming);
        Assert.Equal(HttpStatusCode.OK, pastPage.StatusCode);
        Assert.Contains($"href=\"/events/{past.Id}\">Long ago gathering", await pastPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_online_session_page_shows_the_time_in_UK_time_and_places_but_never_the_joining_link()
    {
        // 12:30 in London in summer is 11:30 UTC: the page must say 12:30.
        var start = new DateTimeOffset(DateTime.UtcNow.Year + 1, 7, 14, 11, 30, 0, TimeSpan.Zero);
        var ev = await app.CreateAsync(capacity: 5, kind: EventKind.ConversationSpace, startsAt: start);
        var client = app.CreateBrowserLikeClient();

        foreach (var url in new[] { $"/events/{ev.Id}", "/events", $"/events/{ev.Id}/register", "/conversation-space" })
        {
            var page = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.DoesNotContain("secret-joining-link", await page.Content.ReadAsStringAsync());
        }
        var html = await (await client.GetAsync($"/events/{ev.Id}")).TextAsync();
        Assert.Contains("12:30 to 14:30 (UK time)", html);
        Assert.Contains("5 places left", html);
        Assert.Contains($"href=\"/events/{ev.Id}/register\">Register", html);
        Assert.Contains("<strong>share learning</strong>", html); // the description's Markdown
    }

    [Fact]
    public async Task A_face_to_face_event_page_gives_the_venue_map_access_and_arrival_details()
    {
        var ev = await app.CreateAsync(change: e =>
        {
            e.MapUrl = "https://maps.example/community-hall";
            e.AccessibilityInfo = "Step-free entrance and a hearing loop.";
            e.ArrivalNotes = "Ring the bell at the side door.";
        });

        var html = await (await app.CreateBrowserLikeClient().GetAsync($"/events/{ev.Id}")).TextAsync();

        Assert.Contains("The Community Hall", html);
        Assert.Contains("1 High Street, Birmingham", html);
        Assert.Contains("B1 1AA", html);
        Assert.Contains("href=\"https://maps.example/community-hall\"", html);
        Assert.Contains("Step-free entrance and a hearing loop.", html);
        Assert.Contains("Ring the bell at the side door.", html);
        Assert.Contains("(UK time)", html);
    }

    [Fact]
    public async Task A_full_event_with_a_waitlist_offers_to_join_it_and_a_full_event_without_one_says_why_not()
    {
        var withWaitlist = await app.CreateAsync(capacity: 0);
        var withoutWaitlist = await app.CreateAsync(capacity: 0, waitlist: false);
        var client = app.CreateBrowserLikeClient();

        var waitlistPage = await (await client.GetAsync($"/events/{withWaitlist.Id}")).TextAsync();
        var fullPage = await (await client.GetAsync($"/events/{withoutWaitlist.Id}")).TextAsync();

        Assert.Contains($"href=\"/events/{withWaitlist.Id}/register\">Join the waitlist", waitlistPage);
        Assert.DoesNotContain($"/events/{withoutWaitlist.Id}/register", fullPage);
        Assert.Contains("This event is full, and it has no waitlist.", fullPage);
    }

    [Fact]
    public async Task A_cancelled_event_says_so_plainly_and_offers_no_registration()
    {
        var ev = await app.CreateAsync(status: EventStatus.Cancelled, change: e => e.CancellationReason = "The venue flooded.");

        var html = await (await app.CreateBrowserLikeClient().GetAsync($"/events/{ev.Id}")).TextAsync();

        Assert.Contains("This event has been cancelled", html);
        Assert.Contains("The venue flooded.", html);
        Assert.DoesNotContain($"/events/{ev.Id}/register", html);
    }

    [Fact]
    public async Task Unknown_and_draft_events_get_the_friendly_not_found_page()
    {
        var draft = await app.CreateAsync(status: EventStatus.Draft, change: e => e.Title = "Not ready yet");
        var client = app.CreateBrowserLikeClient();

        foreach (var url in new[] { $"/events/{draft.Id}", $"/events/{draft.Id}/register", "/events/987654321", "/events/987654321/register" })
        {
            var response = await client.GetAsync(url);
            var html = await response.TextAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("We can't find that page", html);
            Assert.DoesNotContain("Not ready yet", html);
        }
    }

    [Fact]
    public async Task Text_typed_by_staff_is_shown_as_text_and_a_map_link_that_is_not_a_web_address_is_not_a_link()
    {
        var ev = await app.CreateAsync(change: e =>
        {
            e.Title = "<script>alert('title')</script> day";
            e.Description = "<img src=x onerror=alert(1)> and [a link](javascript:alert(2))";
            e.MapUrl = "javascript:alert(3)";
        });

        var html = await (await app.CreateBrowserLikeClient().GetAsync($"/events/{ev.Id}")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task With_no_active_series_the_Conversation_Space_page_says_dates_are_coming_and_its_form_is_not_found()
    {
        var client = app.CreateBrowserLikeClient();

        var page = await client.GetAsync("/conversation-space");
        var form = await client.GetAsync("/conversation-space/register");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("New dates coming soon", await page.TextAsync());
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
    }

    [Fact]
    public async Task The_public_pages_carry_no_inline_script_or_style_which_the_content_security_policy_would_block()
    {
        var online = await app.CreateAsync(kind: EventKind.ConversationSpace);
        var inPerson = await app.CreateAsync(change: e => { e.MapUrl = "https://maps.example/x"; e.AccessibilityInfo = "Lift"; });
        var client = app.CreateBrowserLikeClient();

        foreach (var url in new[] { "/events", "/events/past", $"/events/{online.Id}", $"/events/{inPerson.Id}", $"/events/{inPerson.Id}/register", "/conversation-space" })
        {
            var html = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotMatch(new Regex(@"\sstyle\s*=", RegexOptions.IgnoreCase), html);
            Assert.DoesNotMatch(new Regex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase), html);
            Assert.DoesNotMatch(new Regex(@"\son[a-z]+\s*=\s*[""']", RegexOptions.IgnoreCase), html);
        }
    }

    /// <summary>The HTML of one event's card in a list.</summary>
    private static string CardFor(string html, long eventId)
    {
        var match = Regex.Match(html, $@"<article[^>]*aria-labelledby=""event-{eventId}-title"".*?</article>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No card for event {eventId}");
        return match.Value;
    }
}
