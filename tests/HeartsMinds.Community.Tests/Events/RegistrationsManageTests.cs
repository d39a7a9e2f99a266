using System.Net;
using System.Text;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Events;

public sealed class RegistrationsManageTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Staff_see_who_has_a_place_who_is_waiting_in_order_and_who_cancelled_with_their_needs()
    {
        var client = await app.SignedInAdminAsync();
        var ev = await app.CreateAsync(capacity: 1);
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia Family Support", "Lena Novak", "lena@acacia.example", "Volunteer", "Step-free access", "Vegan"));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Bluebell Care", "Mo Farah", "mo@bluebell.example"));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Smile Group", "Nia Evans", "nia@smile.example"));
        var gone = await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Smile Group", "Olu Ade", "olu@smile.example"));
        await app.WithDeskAsync(desk => desk.CancelAttendeesAsync(ev.Id, [gone.Attendees[0].Id]));

        var page = await (await client.GetAsync($"/manage/events/{ev.Id}/registrations")).VisibleTextAsync();

        Assert.Contains("1 of 1 places taken", page);
        Assert.Contains("2 on the waitlist", page);
        Assert.Contains("1 cancelled", page);
        Assert.Contains("Lena Novak lena@acacia.example Acacia Family Support", page);
        Assert.Contains("Step-free access", page);
        Assert.Contains("Vegan", page);
        var waitlist = page[page.IndexOf("Waitlist (2)", StringComparison.Ordinal)..];
        Assert.True(waitlist.IndexOf("Mo Farah", StringComparison.Ordinal) < waitlist.IndexOf("Nia Evans", StringComparison.Ordinal), "the waitlist is in queue order");
        Assert.Contains("Olu Ade", page[page.IndexOf("Cancelled (1)", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task The_CSV_opens_in_Excel_with_accents_emoji_and_commas_intact_and_formulas_made_harmless()
    {
        var client = await app.SignedInAdminAsync();
        var ev = await app.CreateAsync(capacity: 5);
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "=HYPERLINK(\"https://evil.example\",\"Click\")", "Siân O'Brien, Jr 🌷", "sian@cymru.example",
            role: "-2+3", access: "A \"quiet\" room,\nplease", dietary: "@SUM(A1)"));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Plain Org", "Zoë Müller", "zoe@plain.example", role: "+44 7700 900123"));

        var response = await client.GetAsync($"/manage/events/{ev.Id}/registrations.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Status,Waitlist position,Name,Email,Role,Organisation,Contact name,Contact email,Access needs,Dietary needs,", text);
        Assert.EndsWith("\r\n", text);
        Assert.Contains("\"Siân O'Brien, Jr 🌷\"", text);
        Assert.Contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Click\"\")\"", text);

        var rows = ParseCsv(text);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        var header = rows[0];
        var sian = rows.Single(r => r[header.IndexOf("Email")] == "sian@cymru.example");
        Assert.Equal("Siân O'Brien, Jr 🌷", sian[header.IndexOf("Name")]);
        Assert.Equal("'=HYPERLINK(\"https://evil.example\",\"Click\")", sian[header.IndexOf("Organisation")]);
        Assert.Equal("'-2+3", sian[header.IndexOf("Role")]);
        Assert.Equal("A \"quiet\" room,\nplease", sian[header.IndexOf("Access needs")]);
        Assert.Equal("'@SUM(A1)", sian[header.IndexOf("Dietary needs")]);
        Assert.Equal("Has a place", sian[header.IndexOf("Status")]);
        var zoe = rows.Single(r => r[header.IndexOf("Email")] == "zoe@plain.example");
        Assert.Equal(("Zoë Müller", "'+44 7700 900123"), (zoe[header.IndexOf("Name")], zoe[header.IndexOf("Role")]));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("plain 1-2", "plain 1-2")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_cell_is_quoted_as_RFC_4180_says_and_never_starts_a_formula(string? value, string expected) =>
        Assert.Equal(expected, HeartsMinds.Community.Platform.Web.Csv.Cell(value));

    [Fact]
    public async Task Giving_a_waiting_person_a_place_moves_them_ahead_adds_a_place_and_emails_them()
    {
        var client = await app.SignedInAdminAsync();
        var ev = await app.CreateAsync(capacity: 1);
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia", "Pia First", "pia@acacia.example"));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia", "Quinn Second", "quinn@acacia.example"));
        var third = await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia", "Rae Third", "rae@acacia.example"));
        var page = $"/manage/events/{ev.Id}/registrations";

        var response = await client.SubmitAsync(page, [], $"{page}?handler=GivePlace&attendeeId={third.Attendees[0].Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var statuses = (await app.AttendeesAsync(ev.Id)).ToDictionary(a => a.Name, a => a.Status);
        Assert.Equal(AttendeeStatus.Confirmed, statuses["Rae Third"]);
        Assert.Equal(AttendeeStatus.Waitlisted, statuses["Quinn Second"]);
        Assert.Equal(2, (await app.EventAsync(ev.Id)).Capacity);
        Assert.Single(await app.EmailsToAsync("rae@acacia.example"), m => m.Purpose == "waitlist-promotion");
        Assert.Contains("Rae Third now has a place and has been emailed", await (await client.GetAsync(page)).VisibleTextAsync());
    }

    [Fact]
    public async Task Cancelling_someone_frees_their_place_for_the_next_person_waiting()
    {
        var client = await app.SignedInAdminAsync();
        var ev = await app.CreateAsync(capacity: 1);
        var first = await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Bluebell", "Sol First", "sol@bluebell.example"));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Bluebell", "Tao Second", "tao@bluebell.example"));
        await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Bluebell", "Uma Third", "uma@bluebell.example"));
        var page = $"/manage/events/{ev.Id}/registrations";

        var response = await client.SubmitAsync(page, [], $"{page}?handler=Cancel&attendeeId={first.Attendees[0].Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var statuses = (await app.AttendeesAsync(ev.Id)).ToDictionary(a => a.Name, a => a.Status);
        Assert.Equal((AttendeeStatus.Cancelled, AttendeeStatus.Confirmed, AttendeeStatus.Waitlisted), (statuses["Sol First"], statuses["Tao Second"], statuses["Uma Third"]));
        Assert.Single(await app.EmailsToAsync("sol@bluebell.example"), m => m.Purpose == "place-cancelled");
        Assert.Single(await app.EmailsToAsync("tao@bluebell.example"), m => m.Purpose == "waitlist-promotion");
        var notice = await (await client.GetAsync(page)).VisibleTextAsync();
        Assert.Contains("Sol First no longer has a place and has been emailed. Tao Second now has a place from the waitlist", notice);

        // Sent twice (a double tap, or a second tab): nothing more happens.
        response = await client.SubmitAsync(page, [], $"{page}?handler=Cancel&attendeeId={first.Attendees[0].Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(await app.EmailsToAsync("sol@bluebell.example"), m => m.Purpose == "place-cancelled");
        Assert.Equal(AttendeeStatus.Waitlisted, (await app.AttendeesAsync(ev.Id)).Single(a => a.Name == "Uma Third").Status);
    }

    [Fact]
    public async Task An_attendee_from_another_event_is_not_found_and_nothing_changes()
    {
        var client = await app.SignedInAdminAsync();
        var mine = await app.CreateAsync(capacity: 1);
        var theirs = await app.CreateAsync(capacity: 1);
        await app.RegisteredAsync(ManageTesting.Person(mine.Id, "Acacia", "Val Mine", "val@acacia.example"));
        var other = await app.RegisteredAsync(ManageTesting.Person(theirs.Id, "Acacia", "Wyn Theirs", "wyn@acacia.example"));
        var waiting = await app.RegisteredAsync(ManageTesting.Person(theirs.Id, "Acacia", "Xan Waiting", "xan@acacia.example"));
        var page = $"/manage/events/{mine.Id}/registrations";

        var cancel = await client.SubmitAsync(page, [], $"{page}?handler=Cancel&attendeeId={other.Attendees[0].Id}");
        var give = await client.SubmitAsync(page, [], $"{page}?handler=GivePlace&attendeeId={waiting.Attendees[0].Id}");
        var nonsense = await client.SubmitAsync(page, [], $"{page}?handler=Cancel&attendeeId=not-a-number");

        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, give.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nonsense.StatusCode);
        Assert.Equal([AttendeeStatus.Confirmed, AttendeeStatus.Waitlisted], (await app.AttendeesAsync(theirs.Id)).Select(a => a.Status));
    }

    [Fact]
    public async Task After_the_event_places_are_a_record_nobody_is_cancelled_or_emailed()
    {
        var client = await app.SignedInAdminAsync();
        var ev = await app.CreateAsync(capacity: 1);
        var came = await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Acacia", "Yan Came", "yan@acacia.example"));
        await app.WithDbAsync(db => db.Events.Where(e => e.Id == ev.Id).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.StartsAt, DateTimeOffset.UtcNow.AddDays(-1)).SetProperty(e => e.EndsAt, DateTimeOffset.UtcNow.AddDays(-1).AddHours(2))));
        var page = $"/manage/events/{ev.Id}/registrations";
        Assert.DoesNotContain("Cancel place", await (await client.GetAsync(page)).TextAsync());

        var response = await client.SubmitToAsync("/manage/events/new", $"{page}?handler=Cancel&attendeeId={came.Attendees[0].Id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This event has already taken place", await response.TextAsync());
        Assert.Equal(AttendeeStatus.Confirmed, (await app.AttendeesAsync(ev.Id)).Single().Status);
        Assert.DoesNotContain(await app.EmailsToAsync("yan@acacia.example"), m => m.Purpose == "place-cancelled");
    }

    /// <summary>A strict RFC 4180 reader: quoted cells may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && cell.Length == 0)
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i += 2; }
                    else if (text[i] == '"') { i++; break; }
                    else cell.Append(text[i++]);
                }
            }
            else if (text[i] == ',') { row.Add(cell.ToString()); cell.Clear(); i++; }
            else if (text[i] == '\r' && text[i + 1] == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; i += 2; }
            else cell.Append(text[i++]);
        }
        return rows;
    }
}
