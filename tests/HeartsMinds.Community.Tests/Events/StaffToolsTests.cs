using System.Net;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Events;

/// <summary>
/// The staff tools around an event, over real HTTP as a browser without JavaScript uses them: a registration added by
/// hand, a message to everyone coming, a waiting person given a place at the door, and a draft deleted or previewed.
/// </summary>
public sealed class StaffToolsTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    private static (string, string)[] HandForm(Guid key, string organisation, bool dontEmail, params (string Name, string Email)[] people)
    {
        var fields = new List<(string, string)>
        {
            ("SubmissionKey", key.ToString()), ("Input.OrganisationName", organisation),
            ("Input.ContactName", "Sam Contact"), ("Input.ContactEmail", $"sam@{organisation.ToLowerInvariant().Replace(" ", "")}.example"),
            ("Input.Consent", "true"), ("DontEmail", dontEmail ? "true" : "false"),
        };
        for (var i = 0; i < people.Length; i++)
        {
            fields.Add(($"Input.Attendees[{i}].Name", people[i].Name));
            fields.Add(($"Input.Attendees[{i}].Email", people[i].Email));
        }
        return [.. fields];
    }

    private Task<List<HeartsMinds.Community.Platform.Email.OutboxMessage>> EmailsForEventAsync(params string[] addresses) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => addresses.Contains(m.ToAddress)).ToListAsync());

    [Fact]
    public async Task A_walk_in_added_by_hand_after_registration_closed_gets_the_places_rules_and_dont_email_writes_nothing()
    {
        var client = await app.SignedInAdminAsync();
        var ev = await app.CreateAsync(capacity: 1, startsAt: DateTimeOffset.UtcNow.AddMinutes(30),
            change: e => e.RegistrationClosesAt = DateTimeOffset.UtcNow.AddHours(-1));
        var page = $"/manage/events/{ev.Id}/registrations/new";
        var key = Guid.NewGuid();
        var form = HandForm(key, "Walk In Group", dontEmail: true, ("Rhys Evans", "rhys@walkin.example"), ("Nia Evans", "nia@walkin.example"));

        var response = await client.SubmitAsync(page, form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/manage/events/{ev.Id}/registrations", response.Headers.Location!.OriginalString);
        var notice = await (await client.GetAsync(response.Headers.Location)).VisibleTextAsync();
        Assert.Contains("Added 2 people from Walk In Group. 1 has a place. 1 is on the waitlist, because the event is full. Nobody was emailed.", notice);
        var again = await client.SubmitAsync(page, form); // the same form sent twice
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal([("rhys@walkin.example", AttendeeStatus.Confirmed), ("nia@walkin.example", AttendeeStatus.Waitlisted)],
            (await app.AttendeesAsync(ev.Id)).Select(a => (a.Email, a.Status)));
        Assert.Empty(await EmailsForEventAsync("rhys@walkin.example", "nia@walkin.example", "sam@walkingroup.example"));

        // A phone booking, with emails: the event is full, so they wait, and they and their contact hear so.
        var phoned = await client.SubmitAsync(page, HandForm(Guid.NewGuid(), "Phone Care", dontEmail: false, ("Owen Price", "owen@phone.example")));
        Assert.Equal(HttpStatusCode.SeeOther, phoned.StatusCode);
        Assert.Equal(AttendeeStatus.Waitlisted, (await app.AttendeesAsync(ev.Id)).Single(a => a.Email == "owen@phone.example").Status);
        Assert.Equal(["waitlisted"], (await app.EmailsToAsync("owen@phone.example")).Select(m => m.Purpose));
        Assert.Equal(["registration-confirmation"], (await app.EmailsToAsync("sam@phonecare.example")).Select(m => m.Purpose));

        // Someone already registered is refused, with nobody from the form added and nobody emailed.
        var twice = await client.SubmitAsync(page, HandForm(Guid.NewGuid(), "Walk In Group", dontEmail: false, ("Nia Evans", "NIA@walkin.example"), ("Tal Evans", "tal@walkin.example")));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("Nia Evans (NIA@walkin.example) already has a place or is on the waitlist for this event.", await twice.VisibleTextAsync());
        Assert.DoesNotContain(await app.AttendeesAsync(ev.Id), a => a.Email == "tal@walkin.example");
        Assert.Empty(await EmailsForEventAsync("nia@walkin.example", "sam@walkingroup.example", "tal@walkin.example"));
    }

    [Fact]
    public async Task Nobody_can_be_added_by_hand_to_a_draft_or_a_past_event_and_without_a_waitlist_a_full_event_refuses()
    {
        var client = await app.SignedInAdminAsync();
        var draft = await app.CreateAsync(status: EventStatus.Draft);
        var full = await app.CreateAsync(capacity: 1, waitlist: false);
        await app.RegisteredAsync(ManageTesting.Person(full.Id, "Acacia", "Ada Lake", "ada@acacia.example"));

        var toDraft = await client.SubmitToAsync("/manage/events/new", $"/manage/events/{draft.Id}/registrations/new",
            HandForm(Guid.NewGuid(), "Acacia", false, ("Bo Lake", "bo@acacia.example")));
        var toFull = await client.SubmitAsync($"/manage/events/{full.Id}/registrations/new", HandForm(Guid.NewGuid(), "Acacia", false, ("Cy Lake", "cy@acacia.example")));

        Assert.Equal(HttpStatusCode.Conflict, toDraft.StatusCode);
        Assert.Contains("This event is a draft. Publish it first, then add people.", await toDraft.VisibleTextAsync());
        Assert.Equal(HttpStatusCode.Conflict, toFull.StatusCode);
        Assert.Contains("Sorry, this event is full and has no waitlist.", await toFull.VisibleTextAsync());
        Assert.Empty(await app.AttendeesAsync(draft.Id));
        Assert.Single(await app.AttendeesAsync(full.Id));
    }

    [Fact]
    public async Task Email_everyone_coming_shows_a_preview_and_the_count_sends_nothing_before_confirming_and_sends_once_per_person()
    {
        var client = await app.SignedInAdminAsync();
        var ev = await app.CreateAsync(capacity: 2);
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia", "Dee Moss", "dee@acacia.example"));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Bluebell", "Eli Moss", "eli@bluebell.example"));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Bluebell", "Fay Moss", "fay@bluebell.example")); // waiting
        var page = $"/manage/events/{ev.Id}/email";
        var key = Guid.NewGuid().ToString();
        (string, string)[] fields =
        [
            ("SubmissionKey", key), ("Audience", "coming"), ("Subject", "Parking on the day"),
            ("Message", "The car park is closed.\n\nPlease use the one on Church Street <b>instead</b>."),
        ];

        var preview = await client.SubmitToAsync(page, $"{page}?handler=Preview", fields);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var text = await preview.VisibleTextAsync();
        Assert.Contains("This goes to 2 people with a place, each in their own email.", text);
        Assert.Contains("Hello Dee Moss,", text); // the plain-text version, as the EmailBuilder writes it
        Assert.Contains("Please use the one on Church Street <b>instead</b>.", text); // staff text is text, never HTML
        Assert.Contains("Send to 2 people", text);
        Assert.Empty(await StaffMessagesAsync());

        var sends = await Task.WhenAll(
            client.SubmitToAsync(page, $"{page}?handler=Send", fields),
            client.SubmitToAsync(page, $"{page}?handler=Send", fields));
        var late = await client.SubmitToAsync(page, $"{page}?handler=Send", fields);

        Assert.All([.. sends, late], r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        var sent = await StaffMessagesAsync();
        Assert.Equal(["dee@acacia.example", "eli@bluebell.example"], sent.Select(m => m.ToAddress).Order());
        Assert.All(sent, m => Assert.Equal("Parking on the day", m.Subject));
        var dee = sent.Single(m => m.ToAddress == "dee@acacia.example");
        Assert.Contains("Hello Dee Moss,\n\nThe car park is closed.\n\nPlease use the one on Church Street <b>instead</b>.", dee.TextBody);
        Assert.Contains("&lt;b&gt;instead&lt;/b&gt;", dee.HtmlBody);
        Assert.Equal(1, await app.WithDbAsync(db => db.StaffMessages.CountAsync(m => m.EventId == ev.Id)));
        var notice = await (await client.GetAsync(late.Headers.Location)).VisibleTextAsync();
        Assert.Contains("was already sent to the 2 people with a place; it wasn't sent again.", notice);

        // The waitlist is its own audience.
        var waiting = await client.SubmitToAsync(page, $"{page}?handler=Send",
            ("SubmissionKey", Guid.NewGuid().ToString()), ("Audience", "waiting"), ("Subject", "Still waiting"), ("Message", "We'll tell you if a place frees up."));
        Assert.Equal(HttpStatusCode.SeeOther, waiting.StatusCode);
        Assert.Equal(["fay@bluebell.example"], (await StaffMessagesAsync()).Where(m => m.Subject == "Still waiting").Select(m => m.ToAddress));

        async Task<List<HeartsMinds.Community.Platform.Email.OutboxMessage>> StaffMessagesAsync() =>
            await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
                .Where(m => m.Purpose == "staff-message" && new[] { "dee@acacia.example", "eli@bluebell.example", "fay@bluebell.example" }.Contains(m.ToAddress))
                .ToListAsync());
    }

    [Fact]
    public async Task An_empty_message_is_refused_with_a_clear_message_and_nothing_is_sent()
    {
        var client = await app.SignedInAdminAsync();
        var ev = await app.CreateAsync(capacity: 2);
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia", "Gus Moss", "gus@acacia.example"));
        var page = $"/manage/events/{ev.Id}/email";

        var response = await client.SubmitToAsync(page, $"{page}?handler=Send",
            ("SubmissionKey", Guid.NewGuid().ToString()), ("Audience", "coming"), ("Subject", ""), ("Message", " "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.VisibleTextAsync();
        Assert.Contains("Enter a subject", text);
        Assert.Contains("Write the message", text);
        Assert.DoesNotContain(await app.EmailsToAsync("gus@acacia.example"), m => m.Purpose == "staff-message");
    }

    [Fact]
    public async Task At_the_door_someone_on_the_waitlist_is_found_and_given_a_place_and_checked_in_in_one_step()
    {
        var client = await app.SignedInAdminAsync();
        var ev = await app.CreateAsync(capacity: 1, startsAt: DateTimeOffset.UtcNow.AddMinutes(20));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia", "Hal Ford", "hal@acacia.example"));
        var wren = (await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Bluebell", "Wren Later", "wren@bluebell.example"))).Attendees[0];
        var page = $"/manage/events/{ev.Id}/check-in";

        var found = await (await client.GetAsync($"{page}?q=wren")).VisibleTextAsync();
        Assert.Contains("Nobody with a place matches “wren”; 1 on the waitlist", found);
        Assert.Contains("Wren Later Bluebell On the waitlist: no place yet Give a place and check in Wren Later", found);

        var response = await client.SubmitToAsync($"{page}?q=wren", $"{page}?handler=GivePlace&attendeeId={wren.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(page, response.Headers.Location!.OriginalString);
        var after = (await app.AttendeesAsync(ev.Id)).Single(a => a.Id == wren.Id);
        Assert.Equal(AttendeeStatus.Confirmed, after.Status);
        Assert.NotNull(after.CheckedInAt);
        Assert.Equal(2, (await app.EventAsync(ev.Id)).Capacity); // full, so the door added a place rather than take one
        var text = await (await client.GetAsync(page)).VisibleTextAsync();
        Assert.Contains("Wren Later has a place and is checked in.", text);
        Assert.Contains("1 of 2 checked in", text);

        // A second tap (or a second phone at the door) changes nothing more.
        var twice = await client.SubmitToAsync(page, $"{page}?handler=GivePlace&attendeeId={wren.Id}");
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        Assert.Equal(2, (await app.EventAsync(ev.Id)).Capacity);
        Assert.Equal(after.CheckedInAt, (await app.AttendeesAsync(ev.Id)).Single(a => a.Id == wren.Id).CheckedInAt);
    }

    [Fact]
    public async Task With_htmx_giving_a_place_at_the_door_answers_with_the_whole_list_and_the_count()
    {
        var client = await app.SignedInAdminAsync();
        var ev = await app.CreateAsync(capacity: 1, startsAt: DateTimeOffset.UtcNow.AddMinutes(20));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia", "Ike Ford", "ike@acacia.example"));
        var jay = (await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Bluebell", "Jay Later", "jay@bluebell.example"))).Attendees[0];
        var page = $"/manage/events/{ev.Id}/check-in";

        var response = await client.HtmxPostAsync(page, $"{page}?handler=GivePlace&attendeeId={jay.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.DoesNotContain("<html", html);
        Assert.Contains("<span id=\"check-in-count\" hx-swap-oob=\"true\">1 of 2 checked in</span>", html);
        Assert.Contains("Jay Later has a place and is checked in.", html);
        Assert.Contains("Ike Ford", html);
    }

    [Fact]
    public async Task A_draft_offers_preview_and_delete_instead_of_cancel_and_is_deleted_only_while_nobody_has_registered()
    {
        var client = await app.SignedInAdminAsync();
        var draft = await app.CreateAsync(status: EventStatus.Draft, change: e => e.Title = "Draft day out");
        var overview = await (await client.GetAsync($"/manage/events/{draft.Id}")).VisibleTextAsync();
        Assert.Contains("Delete draft", overview);
        Assert.Contains("Preview", overview);
        Assert.DoesNotContain("Cancel this event", overview);

        var preview = await client.GetAsync($"/events/{draft.Id}?preview=true");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewText = await preview.VisibleTextAsync();
        Assert.Contains("Preview of a draft: only staff can see this page", previewText);
        Assert.Contains("Draft day out", previewText);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserLikeClient().GetAsync($"/events/{draft.Id}?preview=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/events/{draft.Id}")).StatusCode);

        var asked = await (await client.GetAsync($"/manage/events/{draft.Id}?delete=true")).VisibleTextAsync();
        Assert.Contains("Delete the draft “Draft day out”? It goes for good: this can't be undone.", asked);
        Assert.Equal(draft.Id, (await app.EventAsync(draft.Id)).Id); // asking deletes nothing

        var deleted = await client.SubmitToAsync($"/manage/events/{draft.Id}?delete=true", $"/manage/events/{draft.Id}?handler=DeleteDraft");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/manage/events", deleted.Headers.Location!.OriginalString);
        Assert.False(await app.WithDbAsync(db => db.Events.AnyAsync(e => e.Id == draft.Id)));
        Assert.Contains("The draft “Draft day out” is deleted.", await (await client.GetAsync("/manage/events")).VisibleTextAsync());

        // A draft someone registered for (before it went back to draft) is kept.
        var used = await app.CreateAsync();
        await app.RegisteredAsync(ManageTesting.Person(used.Id, "Acacia", "Kit Moss", "kit@acacia.example"));
        await app.WithDbAsync(db => db.Events.Where(e => e.Id == used.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EventStatus.Draft)));
        var refused = await client.SubmitToAsync($"/manage/events/{used.Id}", $"/manage/events/{used.Id}?handler=DeleteDraft");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("People have registered for this draft, so it can't be deleted.", await refused.VisibleTextAsync());
        Assert.True(await app.WithDbAsync(db => db.Events.AnyAsync(e => e.Id == used.Id)));

        // A published event can't be deleted this way.
        var published = await app.CreateAsync();
        var notDraft = await client.SubmitToAsync($"/manage/events/{published.Id}", $"/manage/events/{published.Id}?handler=DeleteDraft");
        Assert.Equal(HttpStatusCode.BadRequest, notDraft.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Events.AnyAsync(e => e.Id == published.Id)));
    }

    [Fact]
    public async Task The_staff_home_shows_what_staff_can_do_now()
    {
        var client = await app.SignedInAdminAsync();

        var text = await (await client.GetAsync("/manage")).VisibleTextAsync();

        Assert.DoesNotContain("as those parts of the site arrive", text);
        Assert.Contains("Add a face-to-face event", text);
        Assert.Contains("add a registration by hand", text);
        Assert.Contains("email everyone coming or waiting", text);
        Assert.Contains("check people in at the door", text);
    }
}
