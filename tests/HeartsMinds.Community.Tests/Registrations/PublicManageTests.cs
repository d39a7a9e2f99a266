using System.Net;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Registrations;

/// <summary>The private page behind the link in the contact's email: /registrations/{token}.</summary>
public sealed class PublicManageTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Theory]
    [InlineData("/registrations/abc")]
    [InlineData("/registrations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/registrations/%27%3B%20DROP%20TABLE%20registrations%3B--%20xxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("/registrations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/cancel?attendee=1")]
    [InlineData("/registrations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/cancel?leave=true")]
    public async Task A_wrong_or_malformed_link_is_a_friendly_not_found(string url)
    {
        var response = await app.CreateBrowserLikeClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("find that", await response.TextAsync());
    }

    [Fact]
    public async Task The_contact_can_stop_every_other_link_working_and_keep_the_one_they_used()
    {
        var (ev, first) = await RegisterThroughTheFormAsync("Leaky Org", capacity: 5, kind: EventKind.InPerson, ("Lee Kay", "lee@leaky.example"));
        var second = await app.WithDbAsync(async db =>
        {
            var token = PrivateLink.Issue(db, await db.Registrations.SingleAsync(r => r.EventId == ev.Id), DateTimeOffset.UtcNow, resent: true);
            await db.SaveChangesAsync();
            return token;
        });
        var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/registrations/{first}")).StatusCode);

        var stop = await client.SubmitAsync($"/registrations/{second}", [], $"/registrations/{second}?handler=StopOtherLinks");

        Assert.Equal(HttpStatusCode.SeeOther, stop.StatusCode);
        Assert.Contains("One other link to this page stopped working", await (await client.GetAsync($"/registrations/{second}")).TextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/registrations/{first}")).StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.ManageLinks.Where(l => l.RevokedAt != null).Select(l => l.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task A_very_long_link_is_not_found_rather_than_an_error()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync("/registrations/" + new string('A', 5_000));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_page_shows_each_person_with_their_place_and_the_joining_link_because_someone_has_a_place()
    {
        var (ev, token) = await RegisterThroughTheFormAsync("Status Org", capacity: 1, kind: EventKind.ConversationSpace,
            ("Sid Place", "sid@status.example"), ("Wendy Wait", "wendy@status.example"));

        var response = await app.CreateBrowserLikeClient().GetAsync($"/registrations/{token}");
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html);
        Assert.Contains(ev.Title, html);
        Assert.Contains("Your joining link", html);
        Assert.Contains("https://zoom.example/j/secret-joining-link", html);
        Assert.Matches(@"Sid Place</strong>[\s\S]*?Has a place", html);
        Assert.Matches(@"Wendy Wait</strong>[\s\S]*?On the waitlist", html);
    }

    [Fact]
    public async Task Nobody_with_a_place_means_no_joining_link()
    {
        var (_, token) = await RegisterThroughTheFormAsync("Waiting Org", capacity: 0, kind: EventKind.ConversationSpace,
            ("Only Waiting", "only@waiting.example"));

        var html = await (await app.CreateBrowserLikeClient().GetAsync($"/registrations/{token}")).TextAsync();

        Assert.Contains("On the waitlist", html);
        Assert.DoesNotContain("secret-joining-link", html);
        Assert.DoesNotContain("Your joining link", html);
    }

    [Fact]
    public async Task Cancelling_one_person_asks_first_then_frees_the_place_for_the_first_person_waiting_who_is_emailed()
    {
        var (ev, token) = await RegisterThroughTheFormAsync("Cancel Org", capacity: 1, kind: EventKind.ConversationSpace,
            ("Carla Cancel", "carla@cancel.example"));
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Waiting Org", "next@waiting.example"));
        var carla = await app.WithDbAsync(db => db.Attendees.SingleAsync(a => a.EmailKey == "carla@cancel.example"));
        var client = app.CreateBrowserLikeClient();

        var page = await (await client.GetAsync($"/registrations/{token}")).TextAsync();
        Assert.Contains($"href=\"/registrations/{token}/cancel?attendee={carla.Id}\">Cancel Carla Cancel's place", page);
        var question = await client.GetAsync($"/registrations/{token}/cancel?attendee={carla.Id}");
        Assert.Contains("Cancel Carla Cancel's place?", await question.TextAsync());
        Assert.Equal(AttendeeStatus.Confirmed, await StatusOf("carla@cancel.example")); // asking changes nothing

        var done = await client.SubmitAsync($"/registrations/{token}/cancel?attendee={carla.Id}", NoFields);

        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal($"/registrations/{token}", done.Headers.Location!.OriginalString);
        Assert.Equal(AttendeeStatus.Cancelled, await StatusOf("carla@cancel.example"));
        Assert.Equal(AttendeeStatus.Confirmed, await StatusOf("next@waiting.example"));
        var promotion = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "next@waiting.example" && m.Purpose == "waitlist-promotion"));
        Assert.Contains("secret-joining-link", promotion.TextBody);
        var after = await (await client.GetAsync($"/registrations/{token}")).TextAsync();
        Assert.Contains("Place cancelled: we've emailed Carla Cancel", after);
        Assert.Matches(@"Cancelled</h3>\s*<ul[^>]*>\s*<li>Carla Cancel", after);

        // A second press of the button (or another tab) cancels nothing more and says so.
        var again = await client.SubmitAsync($"/registrations/{token}", NoFields, $"/registrations/{token}/cancel?attendee={carla.Id}");
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Contains("Carla Cancel's place was already cancelled.", await (await client.GetAsync(again.Headers.Location)).TextAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "carla@cancel.example" && m.Purpose == "place-cancelled")));
    }

    [Fact]
    public async Task Cancel_everyone_cancels_every_place_on_the_registration_only()
    {
        var (ev, token) = await RegisterThroughTheFormAsync("All Org", capacity: 10, kind: EventKind.InPerson,
            ("All One", "one@all.example"), ("All Two", "two@all.example"));
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Other Org", "other@other.example"));

        var done = await app.CreateBrowserLikeClient().SubmitAsync($"/registrations/{token}/cancel?all=true", NoFields);

        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal(AttendeeStatus.Cancelled, await StatusOf("one@all.example"));
        Assert.Equal(AttendeeStatus.Cancelled, await StatusOf("two@all.example"));
        Assert.Equal(AttendeeStatus.Confirmed, await StatusOf("other@other.example"));
    }

    [Fact]
    public async Task Someone_else_s_person_cannot_be_cancelled_through_this_link()
    {
        var (ev, token) = await RegisterThroughTheFormAsync("Mine Org", capacity: 10, kind: EventKind.InPerson, ("Mine", "mine@mine.example"));
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Theirs Org", "theirs@theirs.example"));
        var theirs = await app.WithDbAsync(db => db.Attendees.SingleAsync(a => a.EmailKey == "theirs@theirs.example"));

        var response = await app.CreateBrowserLikeClient().SubmitAsync($"/registrations/{token}", NoFields, $"/registrations/{token}/cancel?attendee={theirs.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(AttendeeStatus.Confirmed, await StatusOf("theirs@theirs.example"));
    }

    [Fact]
    public async Task People_can_be_added_and_take_a_place_or_join_the_waitlist()
    {
        var (ev, token) = await RegisterThroughTheFormAsync("Add Org", capacity: 2, kind: EventKind.InPerson, ("First Added", "first@add.example"));
        var client = app.CreateBrowserLikeClient();

        var response = await client.SubmitAsync($"/registrations/{token}", AddFields(("Second Added", "second@add.example"), ("Third Added", "third@add.example")),
            $"/registrations/{token}?handler=AddPeople");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(AttendeeStatus.Confirmed, await StatusOf("second@add.example"));
        Assert.Equal(AttendeeStatus.Waitlisted, await StatusOf("third@add.example"));
        var page = await (await client.GetAsync($"/registrations/{token}")).TextAsync();
        Assert.Contains("Second Added has a place. Third Added is on the waitlist. We've emailed them.", page);
        Assert.Equal(3, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == ev.Id)));
    }

    [Fact]
    public async Task Adding_someone_already_registered_or_a_bad_address_is_refused_with_the_reason()
    {
        var (ev, token) = await RegisterThroughTheFormAsync("Dup Org", capacity: 5, kind: EventKind.InPerson, ("Dup Person", "dup@dup.example"));
        var client = app.CreateBrowserLikeClient();

        var duplicate = await client.SubmitAsync($"/registrations/{token}", AddFields(("Dup Again", "DUP@dup.example")), $"/registrations/{token}?handler=AddPeople");
        var malformed = await client.SubmitAsync($"/registrations/{token}", AddFields(("Bad Address", "bad@")), $"/registrations/{token}?handler=AddPeople");

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("dup@dup.example already has a place or a waitlist spot at this event.", await duplicate.TextAsync());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("doesn't look right", await malformed.TextAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == ev.Id)));
    }

    [Fact]
    public async Task Access_and_dietary_needs_can_be_changed_and_ten_thousand_characters_are_refused()
    {
        var (_, token) = await RegisterThroughTheFormAsync("Needs Org", capacity: 5, kind: EventKind.InPerson, ("Nia Needs", "nia@needs.example"));
        var nia = await app.WithDbAsync(db => db.Attendees.SingleAsync(a => a.EmailKey == "nia@needs.example"));
        var client = app.CreateBrowserLikeClient();

        var saved = await client.SubmitAsync($"/registrations/{token}",
            [new("Needs.AccessNeeds", "A seat near the door,\nplease."), new("Needs.DietaryNeeds", "Vegetarian")],
            $"/registrations/{token}?handler=UpdateNeeds&attendee={nia.Id}");
        var tooLong = await client.SubmitAsync($"/registrations/{token}",
            [new("Needs.AccessNeeds", new string('x', 10_000)), new("Needs.DietaryNeeds", "")],
            $"/registrations/{token}?handler=UpdateNeeds&attendee={nia.Id}");

        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var tooLongHtml = await tooLong.TextAsync();
        Assert.Contains("Nia Needs's access needs can be at most 2,000 characters", tooLongHtml);
        Assert.Contains("href=\"#Needs_AccessNeeds\"", tooLongHtml);
        Assert.Contains("id=\"Needs_AccessNeeds\"", tooLongHtml);
        var stored = await app.WithDbAsync(db => db.Attendees.SingleAsync(a => a.Id == nia.Id));
        Assert.Equal("A seat near the door,\nplease.", stored.AccessNeeds);
        Assert.Equal("Vegetarian", stored.DietaryNeeds);
    }

    [Fact]
    public async Task Adding_rows_on_the_manage_page_works_without_javascript()
    {
        var (_, token) = await RegisterThroughTheFormAsync("Rows Manage", capacity: 5, kind: EventKind.InPerson, ("Row Owner", "owner@rowsmanage.example"));

        var response = await app.CreateBrowserLikeClient().SubmitAsync($"/registrations/{token}", AddFields(("Kept Name", "kept@rowsmanage.example")),
            $"/registrations/{token}?handler=AddAttendee");
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("value=\"Kept Name\"", html);
        Assert.Contains("name=\"Input.Attendees[1].Name\"", html);
    }

    private static readonly KeyValuePair<string, string>[] NoFields = [];

    private static List<KeyValuePair<string, string>> AddFields(params (string Name, string Email)[] people) =>
        people.SelectMany((p, i) => new KeyValuePair<string, string>[]
        {
            new($"Input.Attendees[{i}].Name", p.Name),
            new($"Input.Attendees[{i}].Email", p.Email),
        }).ToList();

    private Task<AttendeeStatus> StatusOf(string email) =>
        app.WithDbAsync(db => db.Attendees.Where(a => a.EmailKey == email).OrderByDescending(a => a.Id).Select(a => a.Status).FirstAsync());

    private async Task<(Event Event, string Token)> RegisterThroughTheFormAsync(string organisation, int capacity, EventKind kind,
        params (string Name, string Email)[] people)
    {
        var ev = await app.CreateAsync(capacity: capacity, kind: kind);
        var response = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register", PublicForm.Fields(Guid.NewGuid(), organisation, people));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var contact = PublicForm.Fields(Guid.Empty, organisation).Single(f => f.Key == "Input.ContactEmail").Value;
        return (ev, await PublicForm.ManageTokenAsync(app, contact));
    }
}
