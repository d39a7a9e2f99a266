using System.Net;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Security;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Events;

public sealed class CheckInTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    private async Task<(Event Event, Attendee Sian, Attendee Tom, Attendee Waiting)> DoorAsync()
    {
        var ev = await app.CreateAsync(capacity: 2, startsAt: DateTimeOffset.UtcNow.AddHours(1));
        var sian = (await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia Family Support", "Siân Roberts", $"sian{ev.Id}@acacia.example", access: "Needs a seat near the door"))).Attendees[0];
        var tom = (await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Bluebell Care", "Tom Hughes", $"tom{ev.Id}@bluebell.example"))).Attendees[0];
        var waiting = (await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia Family Support", "Wren Later", $"wren{ev.Id}@acacia.example"))).Attendees[0];
        return (ev, sian, tom, waiting);
    }

    [Fact]
    public async Task The_door_finds_people_by_organisation_or_by_name_without_accents_and_checks_them_in_with_one_tap()
    {
        var client = await app.SignedInAdminAsync();
        var (ev, sian, tom, waiting) = await DoorAsync();
        var page = $"/manage/events/{ev.Id}/check-in";

        var byOrganisation = await (await client.GetAsync($"{page}?q=acacia")).VisibleTextAsync();
        Assert.Contains("Siân Roberts", byOrganisation);
        Assert.Contains("Needs a seat near the door", byOrganisation);
        Assert.DoesNotContain("Tom Hughes", byOrganisation);
        Assert.Contains("Wren Later Acacia Family Support On the waitlist", byOrganisation); // found, but shown without a place
        var byName = await (await client.GetAsync($"{page}?q=SIAN")).VisibleTextAsync();
        Assert.Contains("1 person matches “SIAN”", byName);
        Assert.Contains("0 of 2 checked in", byName);

        var response = await client.SubmitAsync($"{page}?q=sian", [], $"{page}?handler=CheckIn&attendeeId={sian.Id}&q=sian");

        // The search starts again for the next person: back to the page without the search, the box empty and focused.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(page, response.Headers.Location!.OriginalString);
        var checkedIn = (await app.AttendeesAsync(ev.Id)).Single(a => a.Id == sian.Id).CheckedInAt;
        Assert.NotNull(checkedIn);
        var afterPage = await client.GetAsync(response.Headers.Location);
        var afterHtml = await afterPage.Content.ReadAsStringAsync();
        Assert.Matches("<input type=\"search\" id=\"q\" name=\"q\" autocomplete[^>]*autofocus", afterHtml);
        var after = await afterPage.VisibleTextAsync();
        Assert.Contains("Siân Roberts is checked in.", after);
        Assert.Contains("Tom Hughes", after); // everyone with a place is listed again
        Assert.Contains("1 of 2 checked in", after);
        Assert.Contains($"Checked in {EventTime.ToLocal(checkedIn.Value, ev.TimeZoneId):HH:mm}", after);

        // A second tap keeps the first time; undo clears it.
        await client.SubmitAsync(page, [], $"{page}?handler=CheckIn&attendeeId={sian.Id}");
        Assert.Equal(checkedIn, (await app.AttendeesAsync(ev.Id)).Single(a => a.Id == sian.Id).CheckedInAt);
        await client.SubmitAsync(page, [], $"{page}?handler=Undo&attendeeId={sian.Id}");
        Assert.Null((await app.AttendeesAsync(ev.Id)).Single(a => a.Id == sian.Id).CheckedInAt);
    }

    [Fact]
    public async Task With_htmx_the_search_and_the_tap_answer_with_just_the_part_that_changes()
    {
        var client = await app.SignedInAdminAsync();
        var (ev, _, tom, _) = await DoorAsync();
        var page = $"/manage/events/{ev.Id}/check-in";

        var search = await client.HtmxGetAsync($"{page}?q=bluebell");
        var results = await search.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.DoesNotContain("<html", results);
        Assert.Contains("id=\"check-in-results\"", results);
        Assert.Contains("Tom Hughes", results);
        Assert.DoesNotContain("Siân Roberts", results);
        Assert.Contains("hx-swap-oob", results);
        // The search replaces the address bar's URL, so the full page and the fragment share it: caches must tell them apart.
        Assert.Contains("HX-Request", search.Headers.Vary);

        // Back at that address after htmx's history cache has let it go, htmx asks for the whole page again.
        var restore = new HttpRequestMessage(HttpMethod.Get, $"{page}?q=bluebell");
        restore.Headers.Add("HX-Request", "true");
        restore.Headers.Add("HX-History-Restore-Request", "true");
        var restored = await (await client.SendAsync(restore)).Content.ReadAsStringAsync();
        Assert.Contains("<html", restored);
        Assert.Contains("Tom Hughes", restored);
        Assert.DoesNotContain("hx-swap-oob", restored);

        var tap = await client.HtmxPostAsync(page, $"{page}?handler=CheckIn&attendeeId={tom.Id}&q=bluebell");
        var afterTap = await tap.TextAsync();

        // A tap answers with the whole list for the next search (the box is cleared), the count and the notice.
        Assert.Equal(HttpStatusCode.OK, tap.StatusCode);
        Assert.DoesNotContain("<html", afterTap);
        Assert.Contains("<div id=\"check-in-results\">", afterTap);
        Assert.Contains("Siân Roberts", afterTap);
        Assert.Contains("check-in-row--done", afterTap);
        Assert.Contains("Undo", afterTap);
        Assert.Contains("<span id=\"check-in-count\" hx-swap-oob=\"true\">1 of 2 checked in</span>", afterTap);
        Assert.Contains("Tom Hughes is checked in.", afterTap);
        Assert.Equal(page, tap.Headers.GetValues("HX-Replace-Url").Single());
        Assert.NotNull((await app.AttendeesAsync(ev.Id)).Single(a => a.Id == tom.Id).CheckedInAt);
    }

    [Fact]
    public async Task Someone_without_a_place_or_from_another_event_cannot_be_checked_in()
    {
        var client = await app.SignedInAdminAsync();
        var (ev, _, _, waiting) = await DoorAsync();
        var (other, otherPerson, _, _) = await DoorAsync();
        var page = $"/manage/events/{ev.Id}/check-in";

        var refused = await client.SubmitAsync(page, [], $"{page}?handler=CheckIn&attendeeId={waiting.Id}");
        var refusedHtmx = await client.HtmxPostAsync(page, $"{page}?handler=CheckIn&attendeeId={waiting.Id}");
        var elsewhere = await client.SubmitAsync(page, [], $"{page}?handler=CheckIn&attendeeId={otherPerson.Id}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Wren Later doesn't have a place: they're on the waitlist.", await refused.TextAsync());
        Assert.Equal(HttpStatusCode.BadRequest, refusedHtmx.StatusCode);
        Assert.Equal("Wren Later doesn't have a place: they're on the waitlist.", await refusedHtmx.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.All(await app.AttendeesAsync(ev.Id), a => Assert.Null(a.CheckedInAt));
        Assert.All(await app.AttendeesAsync(other.Id), a => Assert.Null(a.CheckedInAt));
    }

    [Fact]
    public async Task The_QR_code_opens_that_person_with_a_big_button_and_then_says_when_they_were_checked_in()
    {
        var client = await app.SignedInAdminAsync();
        var (ev, sian, _, waiting) = await DoorAsync();
        var code = await app.KnownCheckInCodeAsync(sian.Id);

        var before = await client.GetAsync($"/manage/check-in/{code}");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var text = await before.VisibleTextAsync();
        Assert.Contains("Siân Roberts", text);
        Assert.Contains("Acacia Family Support", text);
        Assert.Contains("Needs a seat near the door", text);
        Assert.Contains("Check in Siân Roberts", text);

        var response = await client.SubmitAsync($"/manage/check-in/{code}", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var checkedIn = (await app.AttendeesAsync(ev.Id)).Single(a => a.Id == sian.Id).CheckedInAt;
        Assert.NotNull(checkedIn);
        var after = await (await client.GetAsync($"/manage/check-in/{code}")).VisibleTextAsync();
        Assert.Contains($"Already checked in at {EventTime.ToLocal(checkedIn.Value, ev.TimeZoneId):HH:mm}", after);
        Assert.DoesNotContain("Check in Siân Roberts", after);

        var waitingCode = await app.KnownCheckInCodeAsync(waiting.Id);
        var noPlace = await (await client.GetAsync($"/manage/check-in/{waitingCode}")).VisibleTextAsync();
        Assert.Contains("Wren Later is on the waitlist and doesn't have a place yet.", noPlace);
    }

    [Theory]
    [InlineData("not-a-code")]
    [InlineData("%3Cscript%3E")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task A_malformed_check_in_code_is_a_friendly_404(string code)
    {
        var client = await app.SignedInAdminAsync();

        var response = await client.GetAsync($"/manage/check-in/{code}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We don't recognise that check-in code", await response.TextAsync());
    }

    [Fact]
    public async Task A_well_formed_code_nobody_has_is_a_friendly_404_too()
    {
        var client = await app.SignedInAdminAsync();

        var response = await client.GetAsync($"/manage/check-in/{SecretToken.Create().Token}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Try scanning it again", await response.TextAsync());
    }

    [Fact]
    public async Task Attendance_for_an_online_session_is_marked_with_ticks_and_can_be_corrected()
    {
        var client = await app.SignedInAdminAsync();
        var session = await app.CreateAsync(capacity: 5, kind: EventKind.ConversationSpace);
        var came = (await app.RegisteredAsync(ManageTesting.Person(session.Id, "Acacia", "Yara Came", "yara@acacia.example"))).Attendees[0];
        var missed = (await app.RegisteredAsync(ManageTesting.Person(session.Id, "Acacia", "Zac Missed", "zac@acacia.example"))).Attendees[0];
        var page = $"/manage/events/{session.Id}/attendance";
        Assert.Equal(page, (await client.GetAsync($"/manage/events/{session.Id}/check-in")).Headers.Location!.OriginalString);

        var response = await client.SubmitAsync(page, ("Attended", came.Id.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var marked = (await app.AttendeesAsync(session.Id)).ToDictionary(a => a.Id, a => a.CheckedInAt);
        Assert.NotNull(marked[came.Id]);
        Assert.Null(marked[missed.Id]);
        Assert.Contains("Attendance saved: 1 of 2 people with a place came.", await (await client.GetAsync(page)).VisibleTextAsync());

        await client.SubmitAsync(page, ("Attended", missed.Id.ToString()));
        marked = (await app.AttendeesAsync(session.Id)).ToDictionary(a => a.Id, a => a.CheckedInAt);
        Assert.Null(marked[came.Id]);
        Assert.NotNull(marked[missed.Id]);

        var other = await app.CreateAsync(kind: EventKind.ConversationSpace);
        var stranger = (await app.RegisteredAsync(ManageTesting.Person(other.Id, "Acacia", "Stranger", "stranger@acacia.example"))).Attendees[0];
        var refused = await client.SubmitAsync(page, ("Attended", stranger.Id.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.NotNull((await app.AttendeesAsync(session.Id)).Single(a => a.Id == missed.Id).CheckedInAt);
    }
}
