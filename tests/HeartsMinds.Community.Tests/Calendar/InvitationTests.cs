using HeartsMinds.Community.Features.Calendar;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static HeartsMinds.Community.Tests.Calendar.CalendarText;

namespace HeartsMinds.Community.Tests.Calendar;

/// <summary>The invitations in attendees' emails: REQUEST when they get a place, updates when the event changes, CANCEL when it goes.</summary>
public sealed class InvitationTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    private const string Organizer = "community@heartsandminds.example";

    // Second Tuesdays at 12:30 UK time next year, either side of the clock changes.
    private static readonly DateTimeOffset BeforeMarchChange = SecondTuesdayNextYear(3);   // GMT: 12:30Z
    private static readonly DateTimeOffset AfterMarchChange = SecondTuesdayNextYear(4);    // BST: 11:30Z
    private static readonly DateTimeOffset BeforeOctoberChange = SecondTuesdayNextYear(10); // BST
    private static readonly DateTimeOffset AfterOctoberChange = SecondTuesdayNextYear(11);  // GMT

    [Theory]
    [InlineData(1, 7, 11)]  // next summer, months ahead
    [InlineData(3, 7, 11)]  // years ahead, in summer (BST)
    [InlineData(3, 1, 12)]  // years ahead, in winter (GMT)
    public async Task An_event_months_or_years_ahead_gets_a_whole_time_zone_and_the_right_instant(int yearsAhead, int month, int utcHour)
    {
        var day = Enumerable.Range(8, 7).Select(d => new DateOnly(DateTime.UtcNow.Year + yearsAhead, month, d)).First(d => d.DayOfWeek == DayOfWeek.Tuesday);
        var startsAt = EventTime.ToInstant(day, new TimeOnly(12, 30), EventTime.UkZoneId);
        Assert.Equal(utcHour, startsAt.UtcDateTime.Hour);
        var ev = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: startsAt);
        var email = $"far.{startsAt:yyyyMMdd}@acacia.example";

        await app.RegisterAsync(TestEvents.Request(ev.Id, "Acacia Family Support", email));

        var ics = (await MessageAsync(email, "place-confirmed")).CalendarContent!;
        Assert.Contains("BEGIN:STANDARD", ics);
        Assert.Contains("BEGIN:DAYLIGHT", ics);
        Assert.Equal(Utc(startsAt), OnlyEvent(AcceptedByAllParsers(ics)).GetProperty("start").GetString());
    }

    [Theory]
    [InlineData(3, 12)]
    [InlineData(4, 11)]
    [InlineData(10, 11)]
    [InlineData(11, 12)]
    public async Task A_place_comes_with_an_invitation_every_parser_accepts_at_the_right_instant(int month, int utcHour)
    {
        var startsAt = SecondTuesdayNextYear(month);
        Assert.Equal((utcHour, 30), (startsAt.UtcDateTime.Hour, startsAt.UtcDateTime.Minute)); // 12:30 in GMT, 11:30 UTC in BST
        var localStart = UkLocal(startsAt);
        Assert.EndsWith("T123000", localStart);
        var ev = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: startsAt);
        var email = $"sam.{startsAt:yyyyMMdd}@acacia.example";

        await app.RegisterAsync(TestEvents.Request(ev.Id, "Acacia Family Support", email));

        var message = await MessageAsync(email, "place-confirmed");
        Assert.Equal("REQUEST", message.CalendarMethod);
        var ics = message.CalendarContent!;
        Assert.Equal("METHOD:REQUEST", One(ics, "METHOD"));
        Assert.Equal($"UID:{EventCalendar.Uid(ev.Uid)}", One(ics, "UID"));
        Assert.Equal($"DTSTART;TZID=Europe/London:{localStart}", One(ics, "DTSTART"));
        Assert.Equal("SEQUENCE:0", One(ics, "SEQUENCE"));
        Assert.Equal("STATUS:CONFIRMED", One(ics, "STATUS"));
        Assert.Equal($"ORGANIZER;CN=Hearts & Minds Partnership:mailto:{Organizer}", One(ics, "ORGANIZER"));
        Assert.Equal($"ATTENDEE;CN=Person sam.{startsAt:yyyyMMdd};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{email}", One(ics, "ATTENDEE"));
        Assert.Equal("LOCATION:https://zoom.example/j/secret-joining-link", One(ics, "LOCATION"));
        Assert.Contains("BEGIN:VTIMEZONE", ics);

        var read = OnlyEvent(AcceptedByAllParsers(ics));
        Assert.Equal(Utc(startsAt), read.GetProperty("start").GetString());
        Assert.Equal(Utc(startsAt.AddHours(2)), read.GetProperty("end").GetString());
        Assert.Equal("Europe/London", read.GetProperty("zone").GetString());

        var attachment = Assert.Single(message.Attachments, a => a.FileName == "invite.ics");
        Assert.Equal("application/ics", attachment.ContentType);
        Assert.Equal(ics, System.Text.Encoding.UTF8.GetString(attachment.Content));
    }

    [Fact]
    public async Task Moving_the_event_sends_each_person_with_a_place_an_update_with_the_same_UID_and_a_higher_SEQUENCE()
    {
        var ev = await app.CreateAsync(capacity: 1, startsAt: BeforeMarchChange);
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Bluebell", "mover@bluebell.example", "waiting@bluebell.example"));
        var first = (await MessageAsync("mover@bluebell.example", "place-confirmed")).CalendarContent!;

        await app.WithDeskAsync(desk => desk.ChangeEventAsync(ev.Id, changing =>
        {
            changing.StartsAt = AfterMarchChange;
            changing.EndsAt = AfterMarchChange.AddHours(2);
            changing.VenueName = "The New Hall";
        }));

        var update = await MessageAsync("mover@bluebell.example", "event-changed");
        Assert.Equal("REQUEST", update.CalendarMethod);
        var ics = update.CalendarContent!;
        Assert.Equal(One(first, "UID"), One(ics, "UID"));
        Assert.True(int.Parse(ValueOf(One(ics, "SEQUENCE"))) > int.Parse(ValueOf(One(first, "SEQUENCE"))));
        Assert.Equal($"DTSTART;TZID=Europe/London:{UkLocal(AfterMarchChange)}", One(ics, "DTSTART"));
        Assert.Contains("The New Hall", One(ics, "LOCATION"));
        var read = OnlyEvent(AcceptedByAllParsers(ics));
        Assert.Equal(Utc(AfterMarchChange), read.GetProperty("start").GetString());
        // Someone waiting has no invitation, so no update either.
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "waiting@bluebell.example" && m.CalendarMethod != null)));
    }

    [Fact]
    public async Task Cancelling_a_place_sends_a_CANCEL_and_the_person_promoted_gets_their_first_invitation()
    {
        var ev = await app.CreateAsync(capacity: 1, kind: EventKind.ConversationSpace, startsAt: AfterOctoberChange);
        var first = Assert.IsType<RegistrationOutcome.Registered>(
            await app.RegisterAsync(TestEvents.Request(ev.Id, "Smile", "leaving@smile.example"))).Registration;
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Smile Two", "next@smile.example"));
        var waiting = await MessageAsync("next@smile.example", "waitlisted");
        Assert.Null(waiting.CalendarMethod);
        Assert.Empty(waiting.Attachments);
        var invitation = (await MessageAsync("leaving@smile.example", "place-confirmed")).CalendarContent!;

        await app.WithDeskAsync(desk => desk.CancelAttendeesAsync(ev.Id, [first.Attendees[0].Id]));

        var cancel = await MessageAsync("leaving@smile.example", "place-cancelled");
        Assert.Equal("CANCEL", cancel.CalendarMethod);
        var ics = cancel.CalendarContent!;
        Assert.Equal("METHOD:CANCEL", One(ics, "METHOD"));
        Assert.Equal("STATUS:CANCELLED", One(ics, "STATUS"));
        Assert.Equal(One(invitation, "UID"), One(ics, "UID"));
        Assert.True(int.Parse(ValueOf(One(ics, "SEQUENCE"))) > int.Parse(ValueOf(One(invitation, "SEQUENCE"))));
        Assert.EndsWith(":mailto:leaving@smile.example", One(ics, "ATTENDEE"));
        Assert.Equal("cancel.ics", Assert.Single(cancel.Attachments).FileName);
        AcceptedByAllParsers(ics);

        var promoted = await MessageAsync("next@smile.example", "waitlist-promotion");
        Assert.Equal("REQUEST", promoted.CalendarMethod);
        Assert.Equal(One(invitation, "UID"), One(promoted.CalendarContent!, "UID"));
        Assert.Equal(ValueOf(One(ics, "SEQUENCE")), ValueOf(One(promoted.CalendarContent!, "SEQUENCE")));
        Assert.Contains("secret-joining-link", One(promoted.CalendarContent!, "LOCATION"));
        AcceptedByAllParsers(promoted.CalendarContent!);
    }

    [Fact]
    public async Task Cancelling_the_event_sends_a_CANCEL_to_everyone_with_a_place_and_a_plain_note_to_people_waiting()
    {
        var ev = await app.CreateAsync(capacity: 1, startsAt: BeforeOctoberChange);
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Oak", "place@oak.example", "queue@oak.example"));

        await app.WithDeskAsync(desk => desk.CancelEventAsync(ev.Id, "The venue has flooded."));

        var cancel = await MessageAsync("place@oak.example", "place-cancelled");
        Assert.Equal("CANCEL", cancel.CalendarMethod);
        Assert.Equal("STATUS:CANCELLED", One(cancel.CalendarContent!, "STATUS"));
        Assert.Contains("The venue has flooded.", One(cancel.CalendarContent!, "DESCRIPTION"));
        AcceptedByAllParsers(cancel.CalendarContent!);
        var note = await MessageAsync("queue@oak.example", "place-cancelled");
        Assert.Null(note.CalendarMethod);
    }

    [Fact]
    public async Task An_in_person_invitation_has_the_venue_and_never_a_joining_link_and_people_waiting_get_none()
    {
        var ev = await app.CreateAsync(capacity: 1);
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Elm", "in@elm.example", "wait@elm.example"));

        var ics = (await MessageAsync("in@elm.example", "place-confirmed")).CalendarContent!;
        Assert.Equal(@"LOCATION:The Community Hall\, 1 High Street\, Birmingham\, B1 1AA", One(ics, "LOCATION"));
        Assert.DoesNotContain("zoom", ics);
        Assert.Null((await MessageAsync("wait@elm.example", "waitlisted")).CalendarMethod);
    }

    [Fact]
    public async Task Someone_registered_with_the_Partnerships_own_address_gets_their_email_without_an_invitation()
    {
        // RFC 5546 cannot invite the organiser to their own event; the email still goes.
        var ev = await app.CreateAsync();
        await app.RegisterAsync(TestEvents.Request(ev.Id, "The Partnership", Organizer.ToUpperInvariant()));

        var message = await MessageAsync(Organizer.ToUpperInvariant(), "place-confirmed");
        Assert.Null(message.CalendarMethod);
        Assert.DoesNotContain(message.Attachments, a => a.FileName.EndsWith(".ics"));
    }

    private Task<OutboxMessage> MessageAsync(string to, string purpose) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.Id).FirstAsync(m => m.ToAddress == to && m.Purpose == purpose));
}
