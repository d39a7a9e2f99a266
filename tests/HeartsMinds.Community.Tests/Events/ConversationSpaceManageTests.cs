using System.Net;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Events;

public sealed class ConversationSpaceManageTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    private static readonly TimeZoneInfo Uk = EventTime.Zone(EventTime.UkZoneId);

    [Fact]
    public async Task Setting_up_a_series_makes_a_session_for_each_month_ahead_at_12_30_UK_time_on_both_sides_of_the_clock_change()
    {
        var client = await app.SignedInAdminAsync();

        var seriesId = await client.CreateSeriesAsync(monthsAhead: 12);

        var sessions = await app.SessionsAsync(seriesId);
        Assert.InRange(sessions.Count, 12, 13);
        Assert.All(sessions, s =>
        {
            var local = EventTime.ToLocal(s.StartsAt, s.TimeZoneId);
            Assert.Equal((DayOfWeek.Tuesday, 12, 30), (local.DayOfWeek, local.Hour, local.Minute));
            Assert.InRange(local.Day, 8, 14); // the second Tuesday
            Assert.Equal("14:00", EventTime.ToLocal(s.EndsAt, s.TimeZoneId).ToString("HH:mm"));
            Assert.Equal(EventStatus.Published, s.Status);
            Assert.Equal(30, s.Capacity);
            Assert.Equal("https://zoom.example/j/series-link", s.JoiningUrl);
            // 12:30 in summer (BST) is 11:30 UTC; in winter (GMT) it is 12:30 UTC.
            Assert.Equal(Uk.IsDaylightSavingTime(s.StartsAt) ? new TimeOnly(11, 30) : new TimeOnly(12, 30), TimeOnly.FromTimeSpan(s.StartsAt.UtcDateTime.TimeOfDay));
        });
        Assert.Contains(sessions, s => s.StartsAt.UtcDateTime.Hour == 11);
        Assert.Contains(sessions, s => s.StartsAt.UtcDateTime.Hour == 12);
        Assert.Equal(sessions.Count, sessions.Select(s => (s.StartsAt.Year, s.StartsAt.Month)).Distinct().Count());

        var page = await (await client.GetAsync($"/manage/conversation-space/{seriesId}")).VisibleTextAsync();
        Assert.Contains("Second Tuesday of every month, 12:30 to 14:00 (UK time)", page);
        Assert.Contains(EventTime.Day(sessions[0].StartsAt, EventTime.UkZoneId), page);
        Assert.Contains("0 of 30", page);
    }

    [Fact]
    public async Task Changing_one_session_moves_only_that_one_tells_its_people_and_later_series_edits_leave_it_alone()
    {
        var client = await app.SignedInAdminAsync();
        var seriesId = await client.CreateSeriesAsync(monthsAhead: 4);
        var sessions = await app.SessionsAsync(seriesId);
        var (changed, other) = (sessions[1], sessions[2]);
        await app.RegisteredAsync(ManageTesting.Person(changed.Id, "Acacia", "Amira Khan", "amira@acacia.example"));
        await app.RegisteredAsync(ManageTesting.Person(other.Id, "Bluebell", "Beth Jones", "beth@bluebell.example"));
        var date = EventTime.LocalDate(changed.StartsAt, changed.TimeZoneId).AddDays(1);

        var response = await client.SubmitAsync($"/manage/conversation-space/sessions/{changed.Id}/edit",
            ("Input.Date", date.ToString("yyyy-MM-dd")), ("Input.StartTime", "13:00"), ("Input.EndTime", "14:30"),
            ("Input.JoiningUrl", "https://teams.example/meet/holiday-link"), ("Input.Capacity", "30"), ("Input.WaitlistEnabled", "true"),
            ("Confirmed", "true"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await app.EventAsync(changed.Id);
        Assert.True(after.DetachedFromSeries);
        Assert.Equal(EventTime.ToInstant(date, new TimeOnly(13, 0), EventTime.UkZoneId), after.StartsAt);
        Assert.Equal("https://teams.example/meet/holiday-link", after.JoiningUrl);
        Assert.True(after.Sequence > changed.Sequence);
        var untouched = await app.SessionsAsync(seriesId);
        Assert.All(untouched.Where(s => s.Id != changed.Id), s =>
        {
            var before = sessions.Single(x => x.Id == s.Id);
            Assert.Equal((before.StartsAt, before.JoiningUrl, false), (s.StartsAt, s.JoiningUrl, s.DetachedFromSeries));
        });
        var notice = Assert.Single(await app.EmailsToAsync("amira@acacia.example"), m => m.Purpose == "event-changed");
        Assert.Contains("holiday-link", notice.TextBody);
        Assert.Contains("it was " + EventTime.Day(changed.StartsAt, changed.TimeZoneId), notice.TextBody);
        Assert.DoesNotContain(await app.EmailsToAsync("beth@bluebell.example"), m => m.Purpose == "event-changed");

        // Now the series moves to 10:00: every session that follows it moves and its people are told; the changed one stays.
        // First the page says how many people will be emailed and asks; until staff say yes, nothing moves and nobody hears.
        var seriesFields = ManageTesting.SeriesFields(monthsAhead: 4, start: "10:00", end: "11:30");
        var asked = await client.SubmitAsync($"/manage/conversation-space/{seriesId}/edit", seriesFields);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Saving will email 1 person", await asked.VisibleTextAsync());
        Assert.Contains("name=\"Confirmed\" value=\"true\"", await asked.Content.ReadAsStringAsync());
        Assert.Equal(sessions.Where(s => s.Id != changed.Id).Select(s => s.StartsAt), (await app.SessionsAsync(seriesId)).Where(s => s.Id != changed.Id).Select(s => s.StartsAt));
        Assert.DoesNotContain(await app.EmailsToAsync("beth@bluebell.example"), m => m.Purpose == "event-changed");
        Assert.Equal(sessions[0].Sequence, (await app.SessionsAsync(seriesId))[0].Sequence);

        response = await client.SubmitAsync($"/manage/conversation-space/{seriesId}/edit", [.. seriesFields, ("Confirmed", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var moved = await app.SessionsAsync(seriesId);
        Assert.Equal(after.StartsAt, moved.Single(s => s.Id == changed.Id).StartsAt);
        Assert.All(moved.Where(s => s.Id != changed.Id), s => Assert.Equal("10:00", EventTime.ToLocal(s.StartsAt, s.TimeZoneId).ToString("HH:mm")));
        Assert.Single(await app.EmailsToAsync("beth@bluebell.example"), m => m.Purpose == "event-changed" && m.TextBody.Contains("10:00"));
        Assert.Single(await app.EmailsToAsync("amira@acacia.example"), m => m.Purpose == "event-changed");
    }

    [Fact]
    public async Task Cancelling_one_session_for_a_holiday_tells_its_people_and_leaves_the_others_and_the_month_stays_cancelled()
    {
        var client = await app.SignedInAdminAsync();
        var seriesId = await client.CreateSeriesAsync(monthsAhead: 3, capacity: 1);
        var sessions = await app.SessionsAsync(seriesId);
        var session = sessions[0];
        await app.RegisteredAsync(ManageTesting.Person(session.Id, "Smile Group", "Cara Doyle", "cara@smile.example"));
        await app.RegisteredAsync(ManageTesting.Person(session.Id, "Smile Group", "Dev Patel", "dev@smile.example")); // waiting

        var refused = await client.SubmitToAsync($"/manage/events/{session.Id}", $"/manage/events/{session.Id}?handler=Cancel", ("CancellationReason", "  "));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Say why it's cancelled", await refused.TextAsync());
        Assert.Equal(EventStatus.Published, (await app.EventAsync(session.Id)).Status);

        var response = await client.SubmitToAsync($"/manage/events/{session.Id}", $"/manage/events/{session.Id}?handler=Cancel", ("CancellationReason", "Cancelled for the Christmas holiday."));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cancelled = await app.EventAsync(session.Id);
        Assert.Equal((EventStatus.Cancelled, "Cancelled for the Christmas holiday."), (cancelled.Status, cancelled.CancellationReason));
        Assert.All(await app.AttendeesAsync(session.Id), a => Assert.Equal(AttendeeStatus.Cancelled, a.Status));
        Assert.Single(await app.EmailsToAsync("cara@smile.example"), m => m.Purpose == "place-cancelled");
        Assert.Single(await app.EmailsToAsync("dev@smile.example"), m => m.Purpose == "place-cancelled");
        Assert.All((await app.SessionsAsync(seriesId)).Where(s => s.Id != session.Id), s => Assert.Equal(EventStatus.Published, s.Status));

        // The nightly job must not put the cancelled month back.
        using var scope = app.Services.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<SeriesPlanner>().FillHorizonAsync(seriesId));
        var page = await (await client.GetAsync($"/manage/conversation-space/{seriesId}")).VisibleTextAsync();
        Assert.Contains("Cancelled for the Christmas holiday.", page);
    }

    [Fact]
    public async Task A_new_pattern_moves_the_sessions_keeps_one_per_month_and_tells_the_people_who_had_places()
    {
        var client = await app.SignedInAdminAsync();
        var seriesId = await client.CreateSeriesAsync(monthsAhead: 4);
        var before = await app.SessionsAsync(seriesId);
        var last = before[^1];
        await app.RegisteredAsync(ManageTesting.Person(last.Id, "Bluebell", "Erin Walsh", "erin@bluebell.example"));

        var response = await client.SubmitAsync($"/manage/conversation-space/{seriesId}/edit", [.. ManageTesting.SeriesFields(monthsAhead: 4, weekOfMonth: -1, day: "Thursday"), ("Confirmed", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await app.SessionsAsync(seriesId);
        var live = after.Where(s => s.Status != EventStatus.Cancelled && s.StartsAt > DateTimeOffset.UtcNow).ToList();
        Assert.Equal(live.Count, live.Select(s => s.OccurrenceDate!.Value.ToString("yyyy-MM")).Distinct().Count());
        Assert.All(live.Where(s => !s.DetachedFromSeries), s =>
        {
            var local = EventTime.ToLocal(s.StartsAt, s.TimeZoneId);
            Assert.Equal(DayOfWeek.Thursday, local.DayOfWeek);
            Assert.True(local.AddDays(7).Month != local.Month, $"{local:d} is not the last Thursday");
            Assert.Equal("12:30", local.ToString("HH:mm"));
        });
        var moved = after.Single(s => s.Id == last.Id);
        Assert.Equal(DayOfWeek.Thursday, EventTime.ToLocal(moved.StartsAt, moved.TimeZoneId).DayOfWeek);
        Assert.Single(await app.EmailsToAsync("erin@bluebell.example"), m => m.Purpose == "event-changed" && m.TextBody.Contains("date and time have changed"));
    }

    [Fact]
    public async Task Pausing_a_series_with_people_registered_is_refused_with_a_reason()
    {
        var client = await app.SignedInAdminAsync();
        var seriesId = await client.CreateSeriesAsync(monthsAhead: 2);
        var sessions = await app.SessionsAsync(seriesId);
        await app.RegisteredAsync(ManageTesting.Person(sessions[0].Id, "Acacia", "Fay Ali", "fay@acacia.example"));

        var fields = ManageTesting.SeriesFields(monthsAhead: 2).Where(f => f.Item1 != "Input.IsActive").Append(("Input.IsActive", "false")).ToArray();
        var response = await client.SubmitAsync($"/manage/conversation-space/{seriesId}/edit", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1 person has registered for sessions coming up", await response.TextAsync());
        Assert.True(await app.WithDbAsync(db => db.ConversationSpaceSeries.Where(s => s.Id == seriesId).Select(s => s.IsActive).SingleAsync()));
        Assert.All(await app.SessionsAsync(seriesId), s => Assert.Equal(EventStatus.Published, s.Status));
    }

    [Theory]
    [InlineData("Input.JoiningUrl", "http://zoom.example/j/1", "starting with https://")]
    [InlineData("Input.JoiningUrl", "javascript:alert(1)", "starting with https://")]
    [InlineData("Input.JoiningUrl", "", "Enter the joining link")]
    [InlineData("Input.MonthsAhead", "13", "Choose from 1 to 12 months ahead")]
    [InlineData("Input.MonthsAhead", "lots", "Choose from 1 to 12 months ahead")]
    [InlineData("Input.EndTime", "12:00", "The end time must be after the start time")]
    [InlineData("Input.StartTime", "half twelve", "as a time of day, like 12:30")]
    [InlineData("Input.WeekOfMonth", "5", "Choose first, second, third, fourth or last")]
    [InlineData("Input.DayOfWeek", "Funday", "Choose a day of the week")]
    [InlineData("Input.DayOfWeek", "9", "Choose a day of the week")]
    [InlineData("Input.Capacity", "10001", "Places must be a whole number from 0 to 10,000")]
    [InlineData("Input.StartsOn", "2026-02-30", "as a real date")]
    [InlineData("Input.Title", "", "Enter a title")]
    public async Task A_series_form_with_a_bad_answer_is_refused_with_a_message_and_nothing_is_saved(string field, string value, string message)
    {
        var client = await app.SignedInAdminAsync();
        var before = await app.WithDbAsync(db => db.ConversationSpaceSeries.CountAsync());
        var fields = ManageTesting.SeriesFields().Where(f => f.Item1 != field).Append((field, value)).ToArray();

        var response = await client.SubmitAsync("/manage/conversation-space/new", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.TextAsync();
        Assert.Contains("There is a problem", text);
        Assert.Contains(message, text);
        Assert.Equal(before, await app.WithDbAsync(db => db.ConversationSpaceSeries.CountAsync()));
    }

    [Fact]
    public async Task A_title_longer_than_the_database_allows_is_refused_not_a_server_error()
    {
        var client = await app.SignedInAdminAsync();
        var seriesId = await client.CreateSeriesAsync(monthsAhead: 1);
        var fields = ManageTesting.SeriesFields().Where(f => f.Item1 != "Input.Title").Append(("Input.Title", new string('x', 201))).ToArray();

        var response = await client.SubmitAsync($"/manage/conversation-space/{seriesId}/edit", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The title can be at most 200 characters", await response.TextAsync());
        Assert.Equal("Conversation Space", await app.WithDbAsync(db => db.ConversationSpaceSeries.Where(s => s.Id == seriesId).Select(s => s.Title).SingleAsync()));
    }

    [Fact]
    public async Task A_series_or_session_that_does_not_exist_is_not_found()
    {
        var client = await app.SignedInAdminAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/manage/conversation-space/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/manage/conversation-space/999999/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/manage/conversation-space/sessions/999999/edit")).StatusCode);
    }
}
