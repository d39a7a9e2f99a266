using System.Net;
using HeartsMinds.Community.Features.Calendar;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using static HeartsMinds.Community.Tests.Calendar.CalendarText;

namespace HeartsMinds.Community.Tests.Calendar;

/// <summary>The Conversation Space series as one repeating entry, checked against the session rows by ical.js.</summary>
public sealed class SeriesDownloadTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task The_series_download_expands_in_icaljs_to_the_same_instants_as_the_sessions_across_both_clock_changes()
    {
        var client = await app.SignedInAdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(SiteLinks.SeriesCalendarPath)).StatusCode); // no series yet

        var seriesId = await client.CreateSeriesAsync(monthsAhead: 12);
        var sessions = await app.SessionsAsync(seriesId);
        // A year of second Tuesdays spans a March and an October clock change: some at 11:30 UTC (BST), some at 12:30 (GMT).
        Assert.Contains(sessions, s => s.StartsAt.UtcDateTime.Hour == 11);
        Assert.Contains(sessions, s => s.StartsAt.UtcDateTime.Hour == 12);

        // Staff move one session to the next day at 13:00, and cancel another.
        var moved = sessions[2];
        var newDate = EventTime.LocalDate(moved.StartsAt, moved.TimeZoneId).AddDays(1);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/manage/conversation-space/sessions/{moved.Id}/edit",
            ("Input.Date", newDate.ToString("yyyy-MM-dd")), ("Input.StartTime", "13:00"), ("Input.EndTime", "14:30"),
            ("Input.JoiningUrl", "https://teams.example/meet/moved"), ("Input.Capacity", "30"), ("Input.WaitlistEnabled", "true"))).StatusCode);
        var cancelled = sessions[4];
        await app.WithDeskAsync(desk => desk.CancelEventAsync(cancelled.Id, "Half term"));

        var response = await app.CreateClient().GetAsync(SiteLinks.SeriesCalendarPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ics = await response.Content.ReadAsStringAsync();

        Assert.Equal("RRULE:FREQ=MONTHLY;BYDAY=2TU", One(ics, "RRULE"));
        Assert.StartsWith("EXDATE;TZID=Europe/London:", One(ics, "EXDATE"));
        Assert.StartsWith("RECURRENCE-ID;TZID=Europe/London:", One(ics, "RECURRENCE-ID"));
        Assert.DoesNotContain("zoom.example", ics);
        Assert.DoesNotContain("teams.example", ics);
        Assert.Empty(All(ics, "METHOD"));

        var read = AcceptedByAllParsers(ics);
        var live = (await app.SessionsAsync(seriesId)).Where(s => s.Status == EventStatus.Published).OrderBy(s => s.StartsAt).ToList();
        var expanded = read.GetProperty("occurrences").EnumerateArray().Take(live.Count)
            .Select(o => (Start: o.GetProperty("start").GetString()!, End: o.GetProperty("end").GetString()!)).ToList();
        Assert.Equal(live.Select(s => (Utc(s.StartsAt), Utc(s.EndsAt))), expanded);
        Assert.Contains(expanded, o => o.Start == Utc(EventTime.ToInstant(newDate, new TimeOnly(13, 0), EventTime.UkZoneId)));
        Assert.DoesNotContain(expanded, o => o.Start == Utc(cancelled.StartsAt));
    }
}
