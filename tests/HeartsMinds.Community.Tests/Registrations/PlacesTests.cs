using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Registrations;

public sealed partial class PlacesTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Two_hundred_people_registering_at_once_for_twenty_places_leaves_exactly_twenty_confirmed_and_the_rest_waitlisted_in_order()
    {
        var ev = await app.CreateAsync(capacity: 20);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => app.RegisterAsync(TestEvents.Request(ev.Id, $"Org {i}", $"person{i}@example.org")))));

        Assert.All(outcomes, o => Assert.IsType<RegistrationOutcome.Registered>(o));
        var attendees = await app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == ev.Id).OrderBy(a => a.QueuePosition).ToListAsync());
        Assert.Equal(200, attendees.Count);
        Assert.Equal(20, attendees.Count(a => a.Status == AttendeeStatus.Confirmed));
        Assert.Equal(180, attendees.Count(a => a.Status == AttendeeStatus.Waitlisted));
        // In order: everyone confirmed asked before everyone waiting.
        Assert.All(attendees.Take(20), a => Assert.Equal(AttendeeStatus.Confirmed, a.Status));
        Assert.Equal(attendees.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Select(a => a.Id), attendees.OrderBy(a => a.QueuePosition).Select(a => a.Id));
    }

    [Fact]
    public async Task An_organisation_registering_more_people_than_places_left_gets_places_for_the_first_and_the_waitlist_for_the_rest()
    {
        var ev = await app.CreateAsync(capacity: 2);

        var outcome = await app.RegisterAsync(TestEvents.Request(ev.Id, "Acacia", "a@acacia.example", "b@acacia.example", "c@acacia.example"));

        var registration = Assert.IsType<RegistrationOutcome.Registered>(outcome).Registration;
        Assert.Equal([AttendeeStatus.Confirmed, AttendeeStatus.Confirmed, AttendeeStatus.Waitlisted], registration.Attendees.Select(a => a.Status));
        var emails = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress.EndsWith("@acacia.example")).ToListAsync());
        Assert.Contains(emails, m => m.ToAddress == "contact@acacia.example" && m.TextBody.Contains("c@acacia.example): is on the waitlist"));
        Assert.Contains(emails, m => m.ToAddress == "c@acacia.example" && m.Purpose == "waitlisted");
        Assert.Equal(2, emails.Count(m => m.Purpose == "place-confirmed"));
        Assert.Contains(emails, m => m.ToAddress == "a@acacia.example" && m.Attachments.Any(x => x.FileName == "check-in-code.png"));
    }

    [Fact]
    public async Task Cancelling_a_place_gives_it_at_once_to_the_first_person_waiting_who_is_emailed()
    {
        var ev = await app.CreateAsync(capacity: 1, kind: EventKind.ConversationSpace);
        var first = Assert.IsType<RegistrationOutcome.Registered>(await app.RegisterAsync(TestEvents.Request(ev.Id, "Bluebell", "first@bluebell.example"))).Registration;
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Smile", "second@smile.example"));
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Smile Two", "third@smile.example"));

        var cancelled = await app.WithDeskAsync(desk => desk.CancelAttendeesAsync(ev.Id, [first.Attendees[0].Id]));

        Assert.Equal(1, cancelled);
        var statuses = await app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == ev.Id).ToDictionaryAsync(a => a.Email, a => a.Status));
        Assert.Equal(AttendeeStatus.Cancelled, statuses["first@bluebell.example"]);
        Assert.Equal(AttendeeStatus.Confirmed, statuses["second@smile.example"]);
        Assert.Equal(AttendeeStatus.Waitlisted, statuses["third@smile.example"]);
        var promotion = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "second@smile.example" && m.Purpose == "waitlist-promotion"));
        Assert.Contains("https://zoom.example/j/secret-joining-link", promotion.TextBody);
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "first@bluebell.example" && m.Purpose == "place-cancelled")));
    }

    [Fact]
    public async Task The_joining_link_goes_only_to_people_with_a_place()
    {
        var ev = await app.CreateAsync(capacity: 1, kind: EventKind.ConversationSpace);

        await app.RegisterAsync(TestEvents.Request(ev.Id, "Links Ltd", "in@links.example", "waiting@links.example"));

        var emails = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress.EndsWith("@links.example")).ToListAsync());
        Assert.Contains("secret-joining-link", emails.Single(m => m.ToAddress == "in@links.example").TextBody);
        Assert.DoesNotContain(emails.Where(m => m.ToAddress != "in@links.example"), m => m.TextBody.Contains("secret-joining-link") || (m.HtmlBody ?? "").Contains("secret-joining-link"));
    }

    [Fact]
    public async Task Raising_the_places_promotes_from_the_waitlist_in_order()
    {
        var ev = await app.CreateAsync(capacity: 1);
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Raise", "r1@raise.example", "r2@raise.example", "r3@raise.example", "r4@raise.example"));

        await app.WithDeskAsync(desk => desk.ChangeEventAsync(ev.Id, e => e.Capacity = 3));

        var confirmed = await app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == ev.Id && a.Status == AttendeeStatus.Confirmed).Select(a => a.Email).OrderBy(e => e).ToListAsync());
        Assert.Equal(["r1@raise.example", "r2@raise.example", "r3@raise.example"], confirmed);
    }

    [Fact]
    public async Task The_same_form_sent_twice_makes_one_registration()
    {
        var ev = await app.CreateAsync();
        var request = TestEvents.Request(ev.Id, "Double Click", "once@double.example");

        var results = await Task.WhenAll(app.RegisterAsync(request), app.RegisterAsync(request), app.RegisterAsync(request));

        Assert.Single(results.Cast<RegistrationOutcome.Registered>(), r => !r.Repeat);
        Assert.Equal(1, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "once@double.example")));
    }

    [Fact]
    public async Task Registering_someone_already_registered_is_refused_and_the_contact_is_sent_a_new_link_at_most_once_an_hour_while_earlier_links_keep_working()
    {
        var ev = await app.CreateAsync();
        Assert.IsType<RegistrationOutcome.Registered>(await app.RegisterAsync(TestEvents.Request(ev.Id, "First Org", "same@person.example")));
        var firstLink = ManageLink().Match((await ContactEmailsAsync("registration-confirmation")).Single().TextBody).Value;

        var again = await app.RegisterAsync(TestEvents.Request(ev.Id, "Second Org", "other@person.example", "SAME@person.example "));
        var andAgain = await app.RegisterAsync(TestEvents.Request(ev.Id, "Third Org", "SAME@person.example"));

        Assert.Equal(["same@person.example"], Assert.IsType<RegistrationOutcome.AlreadyRegistered>(again).Emails);
        Assert.IsType<RegistrationOutcome.AlreadyRegistered>(andAgain);
        Assert.Equal(1, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == ev.Id)));
        Assert.Single(await ContactEmailsAsync("manage-link-resent")); // the second ask within the hour sends nothing

        await app.WithDbAsync(db => db.ManageLinks.ExecuteUpdateAsync(l => l.SetProperty(x => x.CreatedAt, x => x.CreatedAt.AddHours(-2))));
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Fourth Org", "same@person.example"));

        var resent = await ContactEmailsAsync("manage-link-resent");
        Assert.Equal(2, resent.Count);
        var links = resent.Select(m => ManageLink().Match(m.TextBody).Value).Prepend(firstLink).ToList();
        Assert.Equal(3, links.Distinct().Count());
        var client = app.CreateBrowserLikeClient();
        foreach (var link in links)
        {
            var page = await client.GetAsync(link);
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("First Org", await page.TextAsync());
        }
    }

    private Task<List<HeartsMinds.Community.Platform.Email.OutboxMessage>> ContactEmailsAsync(string purpose) =>
        app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == "contact@firstorg.example" && m.Purpose == purpose).ToListAsync());

    [System.Text.RegularExpressions.GeneratedRegex(@"/registrations/[A-Za-z0-9_-]{43}")]
    private static partial System.Text.RegularExpressions.Regex ManageLink();

    [Theory]
    [InlineData("cancelled", "This event has been cancelled.")]
    [InlineData("past", "This event has already taken place.")]
    [InlineData("closed", "Registration for this event has closed.")]
    [InlineData("draft", "This event is not open for registration.")]
    [InlineData("not-yet", "Registration opens on")]
    public async Task Registration_for_an_event_that_is_not_open_is_refused_with_a_reason(string situation, string reason)
    {
        var ev = await app.CreateAsync(change: e =>
        {
            switch (situation)
            {
                case "cancelled": e.Status = EventStatus.Cancelled; break;
                case "past": e.StartsAt = DateTimeOffset.UtcNow.AddDays(-2); e.EndsAt = e.StartsAt.AddHours(2); break;
                case "closed": e.RegistrationClosesAt = DateTimeOffset.UtcNow.AddMinutes(-1); break;
                case "draft": e.Status = EventStatus.Draft; break;
                case "not-yet": e.RegistrationOpensAt = DateTimeOffset.UtcNow.AddDays(3); break;
            }
        });

        var outcome = await app.RegisterAsync(TestEvents.Request(ev.Id, "Too Late", $"{situation}@late.example"));

        Assert.StartsWith(reason, Assert.IsType<RegistrationOutcome.Refused>(outcome).Reason);
        Assert.Equal(0, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == ev.Id)));
    }

    [Fact]
    public async Task A_full_event_without_a_waitlist_refuses_clearly()
    {
        var ev = await app.CreateAsync(capacity: 1, waitlist: false);
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Quick", "quick@full.example"));

        var outcome = await app.RegisterAsync(TestEvents.Request(ev.Id, "Slow", "slow@full.example"));

        Assert.Equal("Sorry, this event is full and has no waitlist.", Assert.IsType<RegistrationOutcome.Refused>(outcome).Reason);
    }
}
