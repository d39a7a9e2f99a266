using System.Net;
using System.Net.Http.Headers;
using HeartsMinds.Community.Features.Calendar;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static HeartsMinds.Community.Tests.Calendar.CalendarText;

namespace HeartsMinds.Community.Tests.Calendar;

/// <summary>What anyone can download or subscribe to: one event, the feed of all events, the Conversation Space series.</summary>
public sealed class DownloadsAndFeedsTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task An_events_download_is_a_plain_calendar_without_method_organizer_attendees_or_joining_link()
    {
        var startsAt = SecondTuesdayNextYear(4); // 12:30 BST
        var ev = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: startsAt);

        var response = await app.CreateClient().GetAsync($"/events/{ev.Id}/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith($"conversation-space-{startsAt.UtcDateTime:yyyy-MM-dd}.ics", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Empty(All(ics, "METHOD"));
        Assert.Empty(All(ics, "ORGANIZER"));
        Assert.Empty(All(ics, "ATTENDEE"));
        Assert.DoesNotContain("secret-joining-link", ics);
        Assert.Equal($"UID:{EventCalendar.Uid(ev.Uid)}", One(ics, "UID"));
        Assert.Equal("LOCATION:Online", One(ics, "LOCATION"));
        var read = OnlyEvent(AcceptedByAllParsers(ics));
        Assert.Equal(Utc(startsAt), read.GetProperty("start").GetString());
        Assert.Equal($"DTSTART;TZID=Europe/London:{UkLocal(startsAt)}", One(ics, "DTSTART"));
    }

    [Fact]
    public async Task An_unknown_or_draft_events_download_is_not_found_and_a_cancelled_ones_is_gone()
    {
        var draft = await app.CreateAsync(status: EventStatus.Draft);
        var cancelled = await app.CreateAsync();
        await app.WithDeskAsync(desk => desk.CancelEventAsync(cancelled.Id, "Storm warning"));
        var client = app.CreateClient();

        foreach (var path in new[] { "/events/999999/calendar.ics", $"/events/{draft.Id}/calendar.ics", "/events/not-a-number/calendar.ics" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("We can't find that page", await response.TextAsync());
        }
        var gone = await client.GetAsync($"/events/{cancelled.Id}/calendar.ics");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("cancelled or withdrawn", await gone.TextAsync());
    }

    [Fact]
    public async Task The_feed_lists_published_and_cancelled_events_and_answers_a_repeat_request_with_304_until_something_changes()
    {
        var published = await app.CreateAsync(change: e => e.Title = "Feed: published");
        var draft = await app.CreateAsync(status: EventStatus.Draft, change: e => e.Title = "Feed: draft");
        var online = await app.CreateAsync(kind: EventKind.ConversationSpace, change: e => e.Title = "Feed: online");
        var client = app.CreateClient();

        var first = await client.GetAsync("/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Content.Headers.ContentDisposition); // a feed is read in place, not saved
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;
        var ics = await first.Content.ReadAsStringAsync();
        Assert.Contains("SUMMARY:Feed: published", ics);
        Assert.Contains("SUMMARY:Feed: online", ics);
        Assert.DoesNotContain("Feed: draft", ics);
        Assert.DoesNotContain("secret-joining-link", ics);
        Assert.Contains("BEGIN:VTIMEZONE", ics);
        Assert.Contains("TZID:Europe/London", ics);
        Assert.Empty(All(ics, "METHOD"));
        Assert.Equal("X-WR-CALNAME:Hearts & Minds Community events", One(ics, "X-WR-CALNAME"));
        AcceptedByAllParsers(ics);

        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalGetAsync(client, etag, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalGetAsync(client, null, lastModified)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ConditionalGetAsync(client, new EntityTagHeaderValue("\"something-else\""), null)).StatusCode);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/calendar.ics"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(etag, head.Headers.ETag);

        await Task.Delay(1100); // Last-Modified has whole seconds
        await app.WithDeskAsync(desk => desk.CancelEventAsync(published.Id, "Not enough bookings"));

        var changed = await ConditionalGetAsync(client, etag, lastModified);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.True(changed.Content.Headers.LastModified > lastModified);
        var after = await changed.Content.ReadAsStringAsync();
        var entry = Assert.Single(ExternalParsers.EventsByUid(AcceptedByAllParsers(after)), e => e.Key == EventCalendar.Uid(published.Uid)).Value;
        Assert.Equal("CANCELLED", entry.GetProperty("status").GetString());
        Assert.Equal("Cancelled: Feed: published", entry.GetProperty("summary").GetString());
        Assert.Equal(1, entry.GetProperty("sequence").GetInt32());
        _ = draft;
        _ = online;
    }

    [Fact]
    public async Task The_events_page_offers_the_feed_as_webcal_and_https_and_an_event_page_offers_add_to_calendar_links()
    {
        var startsAt = SecondTuesdayNextYear(4);
        var ev = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: startsAt);
        var (start, end) = (startsAt.UtcDateTime, startsAt.AddHours(2).UtcDateTime);
        var client = app.CreateClient();

        var events = await (await client.GetAsync("/events")).TextAsync();
        Assert.Contains("href=\"webcal://localhost/calendar.ics\"", events);
        Assert.Contains("https://localhost/calendar.ics", events);
        Assert.Contains("https://calendar.google.com/calendar/r?cid=https%3A%2F%2Flocalhost%2Fcalendar.ics", events);

        var page = await (await client.GetAsync($"/events/{ev.Id}")).TextAsync();
        Assert.Contains($"href=\"/events/{ev.Id}/calendar.ics\"", page);
        Assert.Contains("https://calendar.google.com/calendar/render?action=TEMPLATE&text=Conversation%20Space" + $"&dates={start:yyyyMMdd'T'HHmmss'Z'}%2F{end:yyyyMMdd'T'HHmmss'Z'}", page);
        Assert.Contains("ctz=Europe%2FLondon", page);
        Assert.Contains("https://outlook.live.com/calendar/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent&subject=Conversation%20Space" + $"&startdt={start:yyyy-MM-dd'T'HH}%3A30%3A00Z&enddt={end:yyyy-MM-dd'T'HH}%3A30%3A00Z", page);
        Assert.Contains("https://outlook.office.com/calendar/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent", page);
        Assert.DoesNotContain("secret-joining-link", page);
    }

    private static Task<HttpResponseMessage> ConditionalGetAsync(HttpClient client, EntityTagHeaderValue? etag, DateTimeOffset? since)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/calendar.ics");
        if (etag is not null) request.Headers.IfNoneMatch.Add(etag);
        if (since is not null) request.Headers.IfModifiedSince = since;
        return client.SendAsync(request);
    }
}
