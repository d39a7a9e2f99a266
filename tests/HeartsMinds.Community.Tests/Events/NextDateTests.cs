using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Events;

/// <summary>
/// Finding the next date: the home page's next Conversation Space and face-to-face event, the Conversation Space
/// page with its next session first, /events with face-to-face events first and the series in one block, and the
/// menu item of the page the person is on.
/// </summary>
public sealed class NextDateTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task The_home_page_offers_the_next_Conversation_Space_and_the_next_face_to_face_event_with_a_register_button()
    {
        var now = DateTimeOffset.UtcNow;
        await app.CreateAsync(kind: EventKind.ConversationSpace, status: EventStatus.Cancelled, startsAt: now.AddHours(2));
        await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: now.AddHours(-1)); // under way: not next
        await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: now.AddHours(3), capacity: 7);
        await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: now.AddDays(35));
        await app.CreateAsync(status: EventStatus.Draft, startsAt: now.AddHours(1), change: e => e.Title = "Draft home day");
        var meeting = await app.CreateAsync(startsAt: now.AddHours(5), change: e => e.Title = "Leeds home day");
        await app.CreateAsync(startsAt: now.AddDays(40), change: e => e.Title = "Later home day");
        // Other tests here add sessions too: the next is whichever starts first, published.
        var session = await app.WithDbAsync(db => db.Events.Where(e => e.Kind == EventKind.ConversationSpace && e.Status == EventStatus.Published && e.StartsAt > now)
            .OrderBy(e => e.StartsAt).FirstAsync());

        var response = await app.CreateBrowserLikeClient().GetAsync("/");
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csCard = CardUnder(html, "Next Conversation Space");
        Assert.Contains(EventTime.Day(session.StartsAt, session.TimeZoneId), csCard);
        Assert.Contains("places left", csCard);
        Assert.Contains($"href=\"/events/{session.Id}/register\">Register<", csCard);
        var faceToFaceCard = CardUnder(html, "Next face-to-face event");
        Assert.Contains("Leeds home day", faceToFaceCard);
        Assert.Contains("The Community Hall, Birmingham", faceToFaceCard);
        Assert.Contains($"href=\"/events/{meeting.Id}/register\">Register<", faceToFaceCard);
        Assert.DoesNotContain("Later home day", html);
        Assert.DoesNotContain("Draft home day", html);
        // Near the top: before anything else on the page but its heading and lead.
        Assert.True(html.IndexOf("Next Conversation Space", StringComparison.Ordinal) < html.IndexOf("Whether your service is just starting out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_Conversation_Space_page_puts_the_next_session_first_and_says_what_it_is_only_once()
    {
        var series = await SeriesAsync("A free, online, monthly meet-up: **a trusted space to come together and share learning**.");
        var next = await app.WithDbAsync(db => db.Events.Where(e => e.SeriesId == series.Id && e.StartsAt > DateTimeOffset.UtcNow)
            .OrderBy(e => e.StartsAt).FirstAsync());

        var html = await (await app.CreateBrowserLikeClient().GetAsync("/conversation-space")).TextAsync();

        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..];
        Assert.Single(Regex.Matches(main, "trusted space to come together"));
        var nextCard = CardUnder(html, "Next session");
        Assert.Contains($"href=\"/events/{next.Id}/register\">Register<", nextCard);
        Assert.True(html.IndexOf("Next session", StringComparison.Ordinal) < html.IndexOf("What it is", StringComparison.Ordinal),
            "The next session comes before the description");
        Assert.Contains(series.PatternDescription, html[..html.IndexOf("Next session", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task Events_lists_face_to_face_events_first_then_the_series_as_its_next_session_and_later_dates_in_brief()
    {
        var series = await SeriesAsync("Bring a cuppa.");
        var faceToFace = await app.CreateAsync(startsAt: DateTimeOffset.UtcNow.AddDays(200), change: e => e.Title = "Far off Bristol day");
        var now = DateTimeOffset.UtcNow;
        // The series' sessions, and any other Conversation Space sessions the other tests here made.
        var sessions = await app.WithDbAsync(db => db.Events.Where(e => e.Kind == EventKind.ConversationSpace && e.Status != EventStatus.Draft && e.EndsAt > now)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).ToListAsync());
        Assert.True(sessions.Count(s => s.SeriesId == series.Id) >= 3, "The series has several sessions to list");

        var html = await (await app.CreateBrowserLikeClient().GetAsync("/events")).TextAsync();

        var faceToFaceHeading = html.IndexOf("Face-to-face events (in person)</h2>", StringComparison.Ordinal);
        var seriesHeading = html.IndexOf("Conversation Space (online, monthly)</h2>", StringComparison.Ordinal);
        Assert.True(faceToFaceHeading >= 0 && faceToFaceHeading < seriesHeading, "Face-to-face events come first");
        var faceToFaceAt = html.IndexOf($"id=\"event-{faceToFace.Id}-title\"", StringComparison.Ordinal);
        Assert.True(faceToFaceAt > faceToFaceHeading && faceToFaceAt < seriesHeading, "A face-to-face event months away is still above the series");
        // One card for the series (its next session), and the rest as a short list with their places and links.
        var seriesPart = html[seriesHeading..];
        var nextSession = sessions.First(s => s.Status == EventStatus.Published && s.StartsAt > now);
        Assert.Single(Regex.Matches(seriesPart, "<article"));
        Assert.Contains($"id=\"event-{nextSession.Id}-title\"", seriesPart);
        var later = Regex.Match(seriesPart, "<ul class=\"date-list\".*?</ul>", RegexOptions.Singleline).Value;
        var items = Regex.Matches(later, "<li>.*?</li>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        Assert.Equal(sessions.Where(s => s.Id != nextSession.Id).Select(s => s.Id),
            items.Select(li => long.Parse(Regex.Match(li, "href=\"/events/(\\d+)\"").Groups[1].Value)));
        foreach (var session in sessions.Where(s => s.SeriesId == series.Id && s.Id != nextSession.Id))
        {
            var item = items.Single(li => li.Contains($"href=\"/events/{session.Id}\""));
            Assert.Contains(EventTime.Day(session.StartsAt, session.TimeZoneId), item);
            Assert.Contains("30 places left", item);
        }
    }

    [Theory]
    [InlineData("/", null)]
    [InlineData("/events", "Events")]
    [InlineData("/conversation-space", "Conversation Space")]
    public async Task The_menu_marks_the_page_the_person_is_on_and_no_other(string url, string? current)
    {
        var html = await (await app.CreateBrowserLikeClient().GetAsync(url)).TextAsync();

        var marked = MenuItemsMarked(html);
        List<(string, string)> expected = current is null ? [] : [(current, "page")];
        Assert.Equal(expected, marked);
    }

    [Fact]
    public async Task A_Conversation_Space_session_and_its_register_form_sit_under_the_Conversation_Space_in_the_menu_not_Events()
    {
        var session = await app.CreateAsync(kind: EventKind.ConversationSpace);
        var meeting = await app.CreateAsync();
        var client = app.CreateBrowserLikeClient();

        foreach (var url in new[] { $"/events/{session.Id}", $"/events/{session.Id}/register" })
            Assert.Equal([("Conversation Space", "true")], MenuItemsMarked(await (await client.GetAsync(url)).TextAsync()));
        foreach (var url in new[] { $"/events/{meeting.Id}", $"/events/{meeting.Id}/register" })
            Assert.Equal([("Events", "true")], MenuItemsMarked(await (await client.GetAsync(url)).TextAsync()));
    }

    /// <summary>The menu items that carry aria-current, with its value.</summary>
    private static List<(string, string)> MenuItemsMarked(string html)
    {
        var nav = Regex.Match(html, "<nav class=\"site-nav\".*?</nav>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(nav);
        return Regex.Matches(nav, "<a href=\"[^\"]*\" aria-current=\"([a-z]+)\">([^<]*)</a>")
            .Select(m => (m.Groups[2].Value, m.Groups[1].Value)).ToList();
    }

    /// <summary>The card whose heading is this text.</summary>
    private static string CardUnder(string html, string heading)
    {
        var match = Regex.Match(html, $@"<article class=""card next-event""(?:(?!</article>).)*>{Regex.Escape(heading)}</h2>.*?</article>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No card headed {heading}");
        return match.Value;
    }

    /// <summary>The class's one active series, with this description, and its sessions planned.</summary>
    private async Task<ConversationSpaceSeries> SeriesAsync(string description)
    {
        var series = await app.WithDbAsync(async db =>
        {
            var found = await db.ConversationSpaceSeries.SingleOrDefaultAsync();
            if (found is null)
            {
                found = new ConversationSpaceSeries { StartsOn = DateOnly.FromDateTime(DateTime.UtcNow), Capacity = 30, MonthsAhead = 3 };
                db.ConversationSpaceSeries.Add(found);
            }
            found.Description = description;
            await db.SaveChangesAsync();
            return found;
        });
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SeriesPlanner>().FillHorizonAsync(series.Id);
        return series;
    }
}
