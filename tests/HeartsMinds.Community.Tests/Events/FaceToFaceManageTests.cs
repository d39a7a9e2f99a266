using System.Net;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Events;

public sealed class FaceToFaceManageTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Staff_create_a_face_to_face_event_as_a_draft_then_publish_it()
    {
        var client = await app.SignedInAdminAsync();
        var date = ManageTesting.UkToday.AddDays(45);

        var response = await client.SubmitAsync("/manage/events/new", [.. ManageTesting.EventFields(date, title: "Birmingham community day"), ("publish", "false")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = long.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        var ev = await app.EventAsync(id);
        Assert.Equal((EventKind.InPerson, EventStatus.Draft, "Birmingham community day"), (ev.Kind, ev.Status, ev.Title));
        Assert.Equal(EventTime.ToInstant(date, new TimeOnly(10, 30), EventTime.UkZoneId), ev.StartsAt);
        Assert.Equal(EventTime.ToInstant(date, new TimeOnly(15, 0), EventTime.UkZoneId), ev.EndsAt);
        Assert.Equal(("The Community Hall", "B1 1AA", 40, true, true), (ev.VenueName, ev.VenuePostcode, ev.Capacity, ev.WaitlistEnabled, ev.AsksDietaryNeeds));
        Assert.Equal("https://maps.example/community-hall", ev.MapUrl);
        var overview = await (await client.GetAsync($"/manage/events/{id}")).VisibleTextAsync();
        Assert.Contains("saved as a draft", overview);
        Assert.Contains("Lunch provided.", overview);

        response = await client.SubmitAsync($"/manage/events/{id}", [], $"/manage/events/{id}?handler=Publish");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(EventStatus.Published, (await app.EventAsync(id)).Status);
        var list = await (await client.GetAsync("/manage/events")).VisibleTextAsync();
        Assert.Contains("Birmingham community day", list);
        Assert.Contains("0 of 40", list);
    }

    [Fact]
    public async Task Save_and_publish_opens_the_event_for_registration_at_once()
    {
        var client = await app.SignedInAdminAsync();

        var response = await client.SubmitAsync("/manage/events/new", [.. ManageTesting.EventFields(title: "Leeds get-together"), ("publish", "true")]);

        var id = long.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        var ev = await app.EventAsync(id);
        Assert.Equal(EventStatus.Published, ev.Status);
        Assert.True(ev.RegistrationState(DateTimeOffset.UtcNow).Open);
    }

    [Theory]
    [InlineData("Input.EndTime", "09:00", "The end time must be after the start time")]
    [InlineData("Input.Capacity", "10001", "Places must be a whole number from 0 to 10,000")]
    [InlineData("Input.Capacity", "-1", "Places must be a whole number from 0 to 10,000")]
    [InlineData("Input.Capacity", "thirty", "Enter the number of places as a number")]
    [InlineData("Input.Capacity", "", "Enter the number of places")]
    [InlineData("Input.MapUrl", "javascript:alert(1)", "Enter the map link as a full web address")]
    [InlineData("Input.MapUrl", "maps.example/hall", "Enter the map link as a full web address")]
    [InlineData("Input.Date", "2026-02-30", "as a real date")]
    [InlineData("Input.Date", "2020-01-01", "The event must start in the future")]
    [InlineData("Input.Date", "", "Enter the date of the event")]
    [InlineData("Input.StartTime", "25:00", "as a time of day, like 12:30")]
    [InlineData("Input.VenueName", "", "Enter the name of the venue")]
    [InlineData("Input.VenuePostcode", "B1 1AA B1 1AA", "A postcode can be at most 10 characters")]
    [InlineData("Input.VenuePostcode", "<b>", "A postcode has only letters, numbers and spaces")]
    [InlineData("Input.RegistrationOpensAt", "next week", "Enter when registration opens as a date and time")]
    [InlineData("Input.RegistrationClosesAt", "2020-01-01T09:00", "Registration must close after it opens")]
    [InlineData("Input.Title", "Community day\r\nBcc: everyone@example.org", "Title should be on one line")]
    [InlineData("Input.VenueName", "The Hall\tRoom 2", "Venue name should be on one line")]
    [InlineData("Input.WaitlistEnabled", "maybe", "Tick the box or leave it empty")]
    [InlineData("Input.AsksDietaryNeeds", "yes please", "Tick the box or leave it empty")]
    public async Task A_bad_answer_is_refused_with_a_message_and_nothing_is_saved(string field, string value, string message)
    {
        var client = await app.SignedInAdminAsync();
        var before = await app.WithDbAsync(db => db.Events.CountAsync());
        var fields = ManageTesting.EventFields().Where(f => f.Item1 != field).Append((field, value))
            .Append(("Input.RegistrationOpensAt", field == "Input.RegistrationClosesAt" ? "2020-02-01T09:00" : "")).DistinctBy(f => f.Item1).ToList();
        fields.Add(("publish", "true"));

        var response = await client.SubmitAsync("/manage/events/new", fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.TextAsync();
        Assert.Contains("<title>Error: ", text);
        Assert.Contains(message, text);
        Assert.Equal(before, await app.WithDbAsync(db => db.Events.CountAsync()));
    }

    [Theory]
    [InlineData("Input.Title", 201)]
    [InlineData("Input.Description", 20_001)]
    [InlineData("Input.VenueName", 201)]
    [InlineData("Input.VenueAddress", 1_001)]
    [InlineData("Input.AccessibilityInfo", 4_001)]
    [InlineData("Input.ArrivalNotes", 4_001)]
    public async Task Text_longer_than_its_column_is_refused_not_a_server_error(string field, int length)
    {
        var client = await app.SignedInAdminAsync();
        var before = await app.WithDbAsync(db => db.Events.CountAsync());
        var fields = ManageTesting.EventFields().Where(f => f.Item1 != field).Append((field, new string('a', length))).Append(("publish", "false")).ToArray();

        var response = await client.SubmitAsync("/manage/events/new", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("can be at most", await response.TextAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task When_a_notice_cannot_be_written_neither_the_change_nor_any_notice_is_saved()
    {
        var client = await app.SignedInAdminAsync();
        var date = ManageTesting.UkToday.AddDays(21);
        var ev = await FullDayWithOneWaitingAsync(date, ("Ines Cole", "ines@acacia.example"), ("Jay Park", "jay@bluebell.example"));
        var emailsBefore = await app.WithDbAsync(db => db.OutboxMessages.CountAsync());
        var noticesBefore = await app.WithDbAsync(db => db.RegistrationNotices.CountAsync());
        // The database refuses the change notice, as a full disk or a lost connection would at that step.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_change_notices() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN IF NEW.kind = 'Changed' THEN RAISE EXCEPTION 'notice refused for the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_change_notices BEFORE INSERT ON registration_notices FOR EACH ROW EXECUTE FUNCTION refuse_change_notices();
            """));
        try
        {
            var fields = ManageTesting.EventFields(date, title: "Moved and bigger", capacity: "2", start: "11:00", end: "16:00");
            var response = await client.SubmitAsync($"/manage/events/{ev.Id}/edit", fields);

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var after = await app.EventAsync(ev.Id);
            Assert.Equal((ev.Title, ev.StartsAt, 1, ev.Sequence), (after.Title, after.StartsAt, after.Capacity, after.Sequence));
            Assert.Equal(AttendeeStatus.Waitlisted, (await app.AttendeesAsync(ev.Id)).Single(a => a.Email == "jay@bluebell.example").Status);
            Assert.Equal(emailsBefore, await app.WithDbAsync(db => db.OutboxMessages.CountAsync()));
            Assert.Equal(noticesBefore, await app.WithDbAsync(db => db.RegistrationNotices.CountAsync()));
        }
        finally
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                "DROP TRIGGER refuse_change_notices ON registration_notices; DROP FUNCTION refuse_change_notices();"));
        }
    }

    [Fact]
    public async Task Moving_a_published_event_emails_the_people_with_a_place_and_raising_places_promotes_from_the_waitlist()
    {
        var client = await app.SignedInAdminAsync();
        var date = ManageTesting.UkToday.AddDays(20);
        var ev = await FullDayWithOneWaitingAsync(date, ("Gina Rossi", "gina@acacia.example"), ("Hana Sato", "hana@bluebell.example"));

        var fields = ManageTesting.EventFields(date, title: ev.Title, capacity: "2", start: "11:00", end: "16:00")
            .Select(f => f.Item1 == "Input.VenueName" ? (f.Item1, "The Library") : f).ToArray();
        var asked = await client.SubmitAsync($"/manage/events/{ev.Id}/edit", fields);

        // First the count (Gina is told, Hana gets the new place) and a question; nothing is saved or sent yet.
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = await asked.VisibleTextAsync();
        Assert.Contains("Saving will email 2 people", question);
        Assert.Contains("Nothing has been saved or sent yet.", question);
        Assert.Equal(ev.StartsAt, (await app.EventAsync(ev.Id)).StartsAt);
        Assert.DoesNotContain(await app.EmailsToAsync("gina@acacia.example"), m => m.Purpose == "event-changed");
        Assert.DoesNotContain(await app.EmailsToAsync("hana@bluebell.example"), m => m.Purpose == "waitlist-promotion");

        var response = await client.SubmitAsync($"/manage/events/{ev.Id}/edit", [.. fields, ("Confirmed", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await app.EventAsync(ev.Id);
        Assert.Equal((EventTime.ToInstant(date, new TimeOnly(11, 0), EventTime.UkZoneId), "The Library", 2), (after.StartsAt, after.VenueName, after.Capacity));
        Assert.True(after.Sequence > ev.Sequence);
        Assert.All(await app.AttendeesAsync(ev.Id), a => Assert.Equal(AttendeeStatus.Confirmed, a.Status));
        var changed = Assert.Single(await app.EmailsToAsync("gina@acacia.example"), m => m.Purpose == "event-changed");
        Assert.Contains("the time has changed", changed.TextBody);
        Assert.Contains("the venue has changed", changed.TextBody);
        Assert.Contains("The Library", changed.TextBody);
        var hana = await app.EmailsToAsync("hana@bluebell.example");
        Assert.Contains(hana, m => m.Purpose == "waitlist-promotion");
        var overview = await (await client.GetAsync($"/manage/events/{ev.Id}")).VisibleTextAsync();
        Assert.Contains("Everyone with a place has been emailed", overview);
    }

    [Fact]
    public async Task Saving_an_event_without_changing_its_time_or_place_emails_nobody()
    {
        var client = await app.SignedInAdminAsync();
        var date = ManageTesting.UkToday.AddDays(21);
        var ev = await app.CreateAsync(capacity: 5, startsAt: EventTime.ToInstant(date, new TimeOnly(10, 30), EventTime.UkZoneId),
            change: e =>
            {
                e.EndsAt = EventTime.ToInstant(date, new TimeOnly(15, 0), EventTime.UkZoneId);
                e.VenueAddress = "1 High Street\nBirmingham";
                e.MapUrl = "https://maps.example/community-hall";
            });
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia", "Ivy Chen", "ivy@acacia.example"));

        var fields = ManageTesting.EventFields(date, title: "A better title", capacity: "5").ToArray();
        var response = await client.SubmitAsync($"/manage/events/{ev.Id}/edit", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("A better title", (await app.EventAsync(ev.Id)).Title);
        Assert.DoesNotContain(await app.EmailsToAsync("ivy@acacia.example"), m => m.Purpose == "event-changed");
    }

    [Fact]
    public async Task Cancelling_an_event_with_a_reason_tells_everyone_registered()
    {
        var client = await app.SignedInAdminAsync();
        var ev = await app.CreateAsync(capacity: 1);
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia", "Jo Brown", "jo@acacia.example"));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia", "Kai Green", "kai@acacia.example"));

        var response = await client.SubmitToAsync($"/manage/events/{ev.Id}", $"/manage/events/{ev.Id}?handler=Cancel", ("CancellationReason", "The venue has flooded. We're sorry."));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(EventStatus.Cancelled, (await app.EventAsync(ev.Id)).Status);
        Assert.Single(await app.EmailsToAsync("jo@acacia.example"), m => m.Purpose == "place-cancelled");
        Assert.Single(await app.EmailsToAsync("kai@acacia.example"), m => m.Purpose == "place-cancelled");
        // The page shows no form now; a form sent from an old tab is refused.
        var edit = await client.SubmitAsync("/manage/events/new", ManageTesting.EventFields().Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), $"/manage/events/{ev.Id}/edit");
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        Assert.Contains("has been cancelled, so it can't be changed", await edit.TextAsync());
    }

    [Fact]
    public async Task Pages_for_an_event_that_does_not_exist_are_not_found()
    {
        var client = await app.SignedInAdminAsync();

        foreach (var path in new[] { "", "/edit", "/registrations", "/registrations.csv", "/check-in", "/attendance" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/manage/events/999999{path}")).StatusCode);
        var ev = await app.CreateAsync();
        var post = await client.SubmitAsync($"/manage/events/{ev.Id}", [], "/manage/events/999999?handler=Publish");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    /// <summary>A published day event, 10:30 to 15:00 on <paramref name="date"/>, with one place: Acacia's person has it, Bluebell's waits.</summary>
    private async Task<Event> FullDayWithOneWaitingAsync(DateOnly date, (string Name, string Email) placed, (string Name, string Email) waiting)
    {
        var ev = await app.CreateAsync(capacity: 1, startsAt: EventTime.ToInstant(date, new TimeOnly(10, 30), EventTime.UkZoneId),
            change: e => e.EndsAt = EventTime.ToInstant(date, new TimeOnly(15, 0), EventTime.UkZoneId));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia", placed.Name, placed.Email));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Bluebell", waiting.Name, waiting.Email));
        return ev;
    }
}
