using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Charter;

public sealed class CharterManageTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Staff_search_signatories_by_organisation_contact_or_email_and_filter_by_region_and_status()
    {
        var client = await app.SignedInAdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        await app.SignatoryAsync($"Acacia Perinatal {tag}", $"hello@acacia-{tag}.example", EnglishRegion.NorthEast, contact: "Ada Lovelace");
        await app.SignatoryAsync($"Bluebell Mums {tag}", $"info@bluebell-{tag}.example", EnglishRegion.London, SignatoryStatus.Pending);
        await app.SignatoryAsync($"Cedar Support {tag}", $"team@cedar-{tag}.example", EnglishRegion.NorthEast, SignatoryStatus.Withdrawn);

        var all = await (await client.GetAsync($"/manage/charter?q={tag}")).TextAsync();
        Assert.Contains("3 signatories match.", all);

        var byContact = await (await client.GetAsync("/manage/charter?q=ada+LOVELACE")).TextAsync();
        Assert.Contains($"Acacia Perinatal {tag}", byContact);
        Assert.DoesNotContain($"Bluebell Mums {tag}", byContact);

        var byEmail = await (await client.GetAsync($"/manage/charter?q=bluebell-{tag}")).TextAsync();
        Assert.Contains($"Bluebell Mums {tag}", byEmail);
        Assert.Contains("1 signatory match.", byEmail);

        var northEast = await (await client.GetAsync($"/manage/charter?q={tag}&region=NorthEast")).TextAsync();
        Assert.Contains($"Acacia Perinatal {tag}", northEast);
        Assert.Contains($"Cedar Support {tag}", northEast);
        Assert.DoesNotContain($"Bluebell Mums {tag}", northEast);

        var withdrawn = await (await client.GetAsync($"/manage/charter?q={tag}&region=NorthEast&status=withdrawn")).TextAsync();
        Assert.Contains($"Cedar Support {tag}", withdrawn);
        Assert.DoesNotContain($"Acacia Perinatal {tag}", withdrawn);

        // "%" is a character to find, not a wildcard.
        Assert.Contains("No signatories match.", await (await client.GetAsync("/manage/charter?q=%25%25")).TextAsync());
    }

    [Theory]
    [InlineData("region=Narnia", "Choose one of the nine regions of England")]
    [InlineData("region=3", "Choose one of the nine regions of England")]
    [InlineData("status=lapsed", "Choose pending, confirmed or withdrawn")]
    [InlineData("q=a%00b", "Search for letters, numbers and punctuation only")]
    public async Task A_filter_that_is_not_one_of_ours_gets_a_clear_message_and_a_400(string query, string message)
    {
        var client = await app.SignedInAdminAsync();
        var response = await client.GetAsync($"/manage/charter?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/manage/charter/signatories.csv?{query}")).StatusCode);
    }

    [Fact]
    public async Task The_csv_holds_the_filtered_signatories_opens_in_excel_and_runs_no_formulas()
    {
        var client = await app.SignedInAdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var risky = await app.SignatoryAsync($"=HYPERLINK(\"https://evil.example\",\"{tag}\")", $"evil-{tag}@evil.example", EnglishRegion.SouthWest);
        await app.WithDbAsync(db => db.Signatories.Where(s => s.Id == risky.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.StaffNotes, "Rang on Tuesday, \"keen\"\nCall back")));
        await app.SignatoryAsync($"Dunlin Café {tag}", $"café-{tag}@dunlin.example", EnglishRegion.SouthWest, SignatoryStatus.Pending);
        await app.SignatoryAsync($"Elm {tag}", $"elm-{tag}@elm.example", EnglishRegion.London);

        var response = await client.GetAsync($"/manage/charter/signatories.csv?q={tag}&region=SouthWest");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n");
        Assert.StartsWith("Organisation,Contact name,Role,Email,Region,", lines[0]);
        Assert.Contains($"\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"{tag}\"\")\"", text);
        Assert.Contains("\"Rang on Tuesday, \"\"keen\"\"\nCall back\"", text);
        Assert.Contains($"Dunlin Café {tag}", text);
        Assert.Contains("South West,", text);
        Assert.DoesNotContain($"Elm {tag}", text);
        Assert.Equal("", lines[^1]);
        Assert.Equal(4, lines.Length); // the header, two signatories (a note's own line break is inside its quotes), the last CRLF
    }

    [Fact]
    public async Task Staff_keep_notes_on_a_signatory_and_see_their_choices()
    {
        var client = await app.SignedInAdminAsync();
        var signatory = await app.SignatoryAsync("Fern Families", $"fern-{Guid.NewGuid():N}@fern.example", wantsInvitations: false);
        var page = $"/manage/charter/{signatory.Id}";

        var text = await (await client.GetAsync(page)).TextAsync();
        Assert.Contains("Event invitations No", Regex.Replace(text, "<[^>]+>|\\s+", " ").Replace("  ", " ").Replace("  ", " "));

        var saved = await client.SubmitToAsync(page, $"{page}?handler=Notes", ("StaffNotes", "  Met at the Birmingham day.  "));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Met at the Birmingham day.", await app.WithDbAsync(db => db.Signatories.Where(s => s.Id == signatory.Id).Select(s => s.StaffNotes).SingleAsync()));
        Assert.Contains("Your notes are saved.", await (await client.GetAsync(page)).TextAsync());

        var tooLong = await client.SubmitToAsync(page, $"{page}?handler=Notes", ("StaffNotes", new string('x', 4_001)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Notes can be at most 4,000 characters", await tooLong.TextAsync());
        Assert.Equal("Met at the Birmingham day.", await app.WithDbAsync(db => db.Signatories.Where(s => s.Id == signatory.Id).Select(s => s.StaffNotes).SingleAsync()));
        var control = await client.SubmitToAsync(page, $"{page}?handler=Notes", ("StaffNotes", "a\0b"));
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/manage/charter/999999999")).StatusCode);
    }

    [Fact]
    public async Task Withdrawing_and_restoring_puts_a_signatory_back_where_they_were()
    {
        var client = await app.SignedInAdminAsync();
        var confirmed = await app.SignatoryAsync("Gorse Group", $"gorse-{Guid.NewGuid():N}@gorse.example");
        var pending = await app.SignatoryAsync("Heather House", $"heather-{Guid.NewGuid():N}@heather.example", status: SignatoryStatus.Pending);

        foreach (var (signatory, back) in new[] { (confirmed, SignatoryStatus.Confirmed), (pending, SignatoryStatus.Pending) })
        {
            var page = $"/manage/charter/{signatory.Id}";
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitToAsync(page, $"{page}?handler=Withdraw")).StatusCode);
            var withdrawn = await app.WithDbAsync(db => db.Signatories.AsNoTracking().SingleAsync(s => s.Id == signatory.Id));
            Assert.Equal(SignatoryStatus.Withdrawn, withdrawn.Status);
            Assert.NotNull(withdrawn.WithdrawnAt);

            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitToAsync(page, $"{page}?handler=Restore")).StatusCode);
            var restored = await app.WithDbAsync(db => db.Signatories.AsNoTracking().SingleAsync(s => s.Id == signatory.Id));
            Assert.Equal(back, restored.Status);
            Assert.Null(restored.WithdrawnAt);
        }
    }

    [Fact]
    public async Task Erasing_asks_first_then_deletes_the_signatory_and_their_invitations()
    {
        var client = await app.SignedInAdminAsync();
        var signatory = await app.SignatoryAsync("Ivy Network", $"ivy-{Guid.NewGuid():N}@ivy.example");
        var ev = await app.CreateAsync();
        await app.WithDbAsync(db =>
        {
            db.CharterInvitations.Add(new CharterInvitation { SignatoryId = signatory.Id, EventId = ev.Id, CreatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        var page = $"/manage/charter/{signatory.Id}";
        Assert.Contains("Invitations sent (1)", await (await client.GetAsync(page)).TextAsync());

        var ask = await (await client.GetAsync($"{page}?erase=true")).TextAsync();
        Assert.Contains("Erase Ivy Network?", ask);
        Assert.Contains("Yes, erase Ivy Network", ask);
        Assert.True(await app.WithDbAsync(db => db.Signatories.AnyAsync(s => s.Id == signatory.Id)), "asking deletes nothing");

        var erased = await client.SubmitToAsync($"{page}?erase=true", $"{page}?handler=Erase");
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.Equal("/manage/charter", erased.Headers.Location!.OriginalString);
        Assert.False(await app.WithDbAsync(db => db.Signatories.AnyAsync(s => s.Id == signatory.Id)));
        Assert.False(await app.WithDbAsync(db => db.CharterInvitations.AnyAsync(i => i.SignatoryId == signatory.Id)));
        Assert.Contains("Ivy Network is erased", await (await client.GetAsync("/manage/charter")).TextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task The_staff_home_links_to_the_signatories()
    {
        var client = await app.SignedInAdminAsync();
        Assert.Contains("href=\"/manage/charter\"", await (await client.GetAsync("/manage")).Content.ReadAsStringAsync());
    }
}
