using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Features.Reminders;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace HeartsMinds.Community.Tests.Reminders;

/// <summary>
/// Reminders with the default schedule (appsettings.json): "two-days" before every event, "one-hour" before online
/// sessions. Each test has a database of its own and a clock it moves by hand; the apps' schedulers are off unless a
/// test is about the scheduler, so only the test decides when reminders are looked for.
/// </summary>
public sealed class RemindersTests : IAsyncLifetime
{
    private readonly List<string> _databases = [];
    private readonly List<CommunityAppFactory> _apps = [];
    private readonly TestClock _clock = new();

    // Whole minutes, well ahead, so every clock position below is clearly before or after a due time.
    private readonly DateTimeOffset _start = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(10).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        foreach (var database in _databases) await TestDatabases.DropAsync(database);
    }

    [Fact]
    public async Task Due_reminders_go_only_to_confirmed_attendees_of_published_events_and_the_one_hour_one_only_for_online_sessions()
    {
        var app = await StartAsync(await NewDatabaseAsync());
        var inPerson = await app.CreateAsync(capacity: 2, startsAt: _start, change: e => e.MapUrl = "https://maps.example/hall");
        await app.RegisterAsync(TestEvents.Request(inPerson.Id, "Acacia", "a@acacia.example", "b@acacia.example", "c@acacia.example", "d@acacia.example"));
        var b = await AttendeeIdAsync(app, "b@acacia.example", inPerson.Id);
        await app.WithDeskAsync(desk => desk.CancelAttendeesAsync(inPerson.Id, [b])); // c takes b's place; d still waits
        var online = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: _start);
        await app.RegisterAsync(TestEvents.Request(online.Id, "Bluebell", "online@bluebell.example"));
        var cancelled = await app.CreateAsync(startsAt: _start);
        await app.RegisterAsync(TestEvents.Request(cancelled.Id, "Cedar", "cancelled-event@cedar.example"));
        var draft = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: _start);
        await app.RegisterAsync(TestEvents.Request(draft.Id, "Daisy", "draft-event@daisy.example"));
        // Set straight in the database, leaving the attendees confirmed: the event's own status must stop them.
        await SetStatusAsync(app, cancelled.Id, EventStatus.Cancelled);
        await SetStatusAsync(app, draft.Id, EventStatus.Draft);

        _clock.Set(_start - TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await SendAsync(app));

        _clock.Set(_start - TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(3, await SendAsync(app));
        var twoDays = await RemindersAsync(app);
        Assert.All(twoDays, m => Assert.Equal("reminder-two-days", m.Purpose));
        Assert.Equal(["a@acacia.example", "c@acacia.example", "online@bluebell.example"], twoDays.Select(m => m.ToAddress).Order());

        var atVenue = twoDays.First(m => m.ToAddress == "a@acacia.example");
        Assert.Equal($"Reminder: Community day in Birmingham, {EventTime.Day(_start, EventTime.UkZoneId)}", atVenue.Subject);
        Assert.Contains($"When: {EventTime.When(inPerson)} (UK time)", atVenue.TextBody);
        Assert.Contains("Where: The Community Hall, 1 High Street, Birmingham, B1 1AA", atVenue.TextBody);
        Assert.Contains("https://maps.example/hall", atVenue.TextBody);
        Assert.Contains("QR code from your confirmation email", atVenue.TextBody);
        // Their own link frees their place in one click (a page with one button), and opens their place.
        var freePlace = System.Text.RegularExpressions.Regex.Match(atVenue.TextBody, @"frees your place for someone on the waitlist:\nhttps://localhost/places/([^/\s]+)/cancel\n");
        Assert.True(freePlace.Success, atVenue.TextBody);
        var ownPage = await app.CreateClient().GetAsync($"/places/{freePlace.Groups[1].Value}");
        Assert.Equal(System.Net.HttpStatusCode.OK, ownPage.StatusCode);
        Assert.Contains("You have a place", await ownPage.Content.ReadAsStringAsync());
        Assert.Contains($"https://localhost/events/{inPerson.Id}", atVenue.TextBody);
        Assert.DoesNotContain("zoom.example", atVenue.TextBody);

        var sessionTwoDays = twoDays.Single(m => m.ToAddress == "online@bluebell.example");
        Assert.Contains("Where: Online", sessionTwoDays.TextBody);
        Assert.Contains("https://zoom.example/j/secret-joining-link", sessionTwoDays.TextBody);
        Assert.Contains("href=\"https://zoom.example/j/secret-joining-link\"", sessionTwoDays.HtmlBody);

        _clock.Set(_start - TimeSpan.FromMinutes(59));
        Assert.Equal(1, await SendAsync(app));
        var oneHour = (await RemindersAsync(app)).Single(m => m.Purpose == "reminder-one-hour");
        Assert.Equal("online@bluebell.example", oneHour.ToAddress);
        Assert.StartsWith("Starting soon: Conversation Space", oneHour.Subject);
        Assert.Contains("https://zoom.example/j/secret-joining-link", oneHour.TextBody);
        // The joining link comes before anything else the email asks of them.
        Assert.True(oneHour.TextBody.IndexOf("secret-joining-link", StringComparison.Ordinal) < oneHour.TextBody.IndexOf("Can't come", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_is_sent_once_the_event_has_started()
    {
        var app = await StartAsync(await NewDatabaseAsync());
        var online = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: _start);
        await app.RegisterAsync(TestEvents.Request(online.Id, "Late", "late@late.example"));

        _clock.Set(_start + TimeSpan.FromMinutes(1));

        Assert.Equal(0, await SendAsync(app));
        Assert.Empty(await RemindersAsync(app));
    }

    [Fact]
    public async Task With_reminders_turned_off_nothing_is_sent()
    {
        var app = await StartAsync(await NewDatabaseAsync(), ("Reminders:Enabled", "false"));
        var online = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: _start);
        await app.RegisterAsync(TestEvents.Request(online.Id, "Quiet", "quiet@quiet.example"));

        _clock.Set(_start - TimeSpan.FromMinutes(30));

        Assert.Equal(0, await SendAsync(app));
        Assert.Empty(await RemindersAsync(app));
    }

    [Fact]
    public async Task Running_again_and_after_a_restart_sends_each_reminder_once()
    {
        var database = await NewDatabaseAsync();
        var before = await StartAsync(database);
        var online = await before.CreateAsync(kind: EventKind.ConversationSpace, startsAt: _start);
        await before.RegisterAsync(TestEvents.Request(online.Id, "Elm", "e1@elm.example", "e2@elm.example", "e3@elm.example"));
        _clock.Set(_start - TimeSpan.FromMinutes(30)); // both reminders due

        Assert.Equal(6, await SendAsync(before));
        Assert.Equal(0, await SendAsync(before));
        await before.DisposeAsync();

        var after = await StartAsync(database);
        Assert.Equal(0, await SendAsync(after));

        var reminders = await RemindersAsync(after);
        Assert.Equal(6, reminders.Count);
        Assert.All(reminders.GroupBy(m => (m.Purpose, m.ToAddress)), g => Assert.Single(g));
    }

    [Fact]
    public async Task Two_instances_sending_at_the_same_time_send_each_reminder_exactly_once()
    {
        var database = await NewDatabaseAsync();
        var first = await StartAsync(database);
        var second = await StartAsync(database);
        const int sessions = 4, people = 8;
        for (var s = 0; s < sessions; s++)
        {
            var session = await first.CreateAsync(kind: EventKind.ConversationSpace, startsAt: _start.AddHours(s), capacity: people);
            await first.RegisterAsync(TestEvents.Request(session.Id, $"Fern {s}", Enumerable.Range(0, people).Select(p => $"p{p}.s{s}@fern.example").ToArray()));
        }

        // Each round moves into the next session's last hour; both instances look at once, twice over.
        var sentByCalls = 0;
        for (var round = 0; round < sessions; round++)
        {
            _clock.Set(_start.AddHours(round) - TimeSpan.FromMinutes(30));
            for (var again = 0; again < 2; again++)
                sentByCalls += (await Task.WhenAll(SendAsync(first), SendAsync(second))).Sum();
        }

        var reminders = await RemindersAsync(first);
        Assert.Equal(sessions * people * 2, reminders.Count);
        Assert.Equal(sessions * people * 2, sentByCalls);
        Assert.All(reminders.GroupBy(m => (m.Purpose, m.ToAddress)), g => Assert.Single(g));
        Assert.Equal(sessions * people, reminders.Count(m => m.Purpose == "reminder-one-hour"));
    }

    [Fact]
    public async Task Moving_the_event_later_sends_the_two_day_reminder_again_at_the_new_due_time_and_not_before()
    {
        var app = await StartAsync(await NewDatabaseAsync());
        var ev = await app.CreateAsync(startsAt: _start);
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Gorse", "moved@gorse.example"));
        _clock.Set(_start - TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await SendAsync(app));

        var newStart = _start.AddDays(1);
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Events.SingleAsync(e => e.Id == ev.Id);
            stored.StartsAt = newStart;
            stored.EndsAt = newStart.AddHours(2);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(0, await SendAsync(app));
        _clock.Set(newStart - TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await SendAsync(app));
        _clock.Set(newStart - TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await SendAsync(app));

        var reminders = await RemindersAsync(app);
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, m => Assert.Equal("reminder-two-days", m.Purpose));
        Assert.Contains(reminders, m => m.Subject.EndsWith(EventTime.Day(_start, EventTime.UkZoneId)));
        Assert.Contains(reminders, m => m.Subject.EndsWith(EventTime.Day(newStart, EventTime.UkZoneId)));
    }

    [Fact]
    public async Task Someone_given_a_place_after_a_reminder_was_due_does_not_get_it_late_but_gets_the_later_one()
    {
        var app = await StartAsync(await NewDatabaseAsync());
        var session = await app.CreateAsync(kind: EventKind.ConversationSpace, capacity: 1, startsAt: _start);
        await app.RegisterAsync(TestEvents.Request(session.Id, "Hazel", "first@hazel.example", "waiting@hazel.example"));

        _clock.Set(_start - TimeSpan.FromDays(1));
        Assert.Equal(1, await SendAsync(app)); // first's two-day reminder, a day late (say the app was down)
        var first = await AttendeeIdAsync(app, "first@hazel.example", session.Id);
        await app.WithDeskAsync(desk => desk.CancelAttendeesAsync(session.Id, [first])); // waiting gets the place now
        Assert.Equal(0, await SendAsync(app));

        _clock.Set(_start - TimeSpan.FromMinutes(59));
        Assert.Equal(1, await SendAsync(app));

        var reminders = await RemindersAsync(app);
        Assert.Equal(["reminder-two-days"], reminders.Where(m => m.ToAddress == "first@hazel.example").Select(m => m.Purpose));
        var waiting = Assert.Single(reminders, m => m.ToAddress == "waiting@hazel.example");
        Assert.Equal("reminder-one-hour", waiting.Purpose);
        Assert.Contains("secret-joining-link", waiting.TextBody);
    }

    [Fact]
    public async Task The_recurring_job_sends_due_reminders_through_the_clustered_scheduler()
    {
        var app = await StartAsync(await NewDatabaseAsync(), ("Scheduling:Enabled", "true"), ("Reminders:Cron", "0/2 * * * * ?"));
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await app.Services.GetRequiredService<IScheduler>()
            .GetTrigger(new TriggerKey(SendDueRemindersJob.Key.Name, SendDueRemindersJob.Key.Group)));
        Assert.Equal("0/2 * * * * ?", trigger.CronExpressionString);
        var session = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: _start);
        await app.RegisterAsync(TestEvents.Request(session.Id, "Ivy", "ivy@ivy.example"));

        _clock.Set(_start - TimeSpan.FromMinutes(30));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await RemindersAsync(app)).Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The job did not send the two due reminders within 60 seconds.");
            await Task.Delay(250);
        }
        await Task.Delay(TimeSpan.FromSeconds(4)); // two more firings: long enough for a duplicate to show, were there one
        Assert.Equal(["reminder-one-hour", "reminder-two-days"], (await RemindersAsync(app)).Select(m => m.Purpose).Order());
    }

    [Fact]
    public async Task A_schedule_with_a_repeated_key_or_no_time_before_stops_start_up_and_says_what_to_change()
    {
        var app = CommunityAppFactory.ForDatabase(await NewDatabaseAsync())
            .WithSetting("Reminders:Schedule:1:Key", "two-days")
            .WithSetting("Reminders:Schedule:1:Before", "00:00:00");
        _apps.Add(app);

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Services);

        Assert.Contains("Reminders:Schedule has the key \"two-days\" more than once", error.Message);
        Assert.Contains("Reminders:Schedule:1:Before must be more than zero", error.Message);
    }

    private async Task<string> NewDatabaseAsync()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        _databases.Add(database);
        return database;
    }

    private Task<CommunityAppFactory> StartAsync(string database, params (string Key, string Value)[] settings)
    {
        var app = CommunityAppFactory.ForDatabase(database).WithClock(_clock).WithSetting("Scheduling:Enabled", "false");
        foreach (var (key, value) in settings) app.WithSetting(key, value);
        _apps.Add(app);
        _ = app.Services; // start it now: migrations and the scheduler's set-up happen here
        return Task.FromResult(app);
    }

    private static async Task<int> SendAsync(CommunityAppFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendDueAsync();
    }

    private static Task<List<OutboxMessage>> RemindersAsync(CommunityAppFactory app) =>
        app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Purpose.StartsWith("reminder-")).OrderBy(m => m.Id).ToListAsync());

    private static Task<long> AttendeeIdAsync(CommunityAppFactory app, string email, long eventId) =>
        app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == eventId && a.Email == email).Select(a => a.Id).SingleAsync());

    private static Task<int> SetStatusAsync(CommunityAppFactory app, long eventId, EventStatus status) =>
        app.WithDbAsync(db => db.Events.Where(e => e.Id == eventId).ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, status)));
}
