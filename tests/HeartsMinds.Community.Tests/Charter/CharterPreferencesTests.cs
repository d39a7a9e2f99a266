using System.Net;
using System.Text.Json;
using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Charter;

/// <summary>A signatory's private pages: preferences, the data export, withdrawing and erasing, unsubscribing; and "Our community".</summary>
public sealed class CharterPreferencesTests(CharterAppFactory app) : IClassFixture<CharterAppFactory>
{
    [Fact]
    public async Task The_newsletter_and_invitations_turn_off_and_on_with_post_redirect_get()
    {
        var token = await app.SignAndConfirmAsync("toggles@prefs.example");
        var client = app.CreateBrowserLikeClient();
        var page = $"/charter/preferences/{token}";

        var off = await client.SubmitAsync(page, [new("Newsletter", "false"), new("Invitations", "true")], page + "?handler=Subscriptions");
        Assert.Equal(HttpStatusCode.SeeOther, off.StatusCode);
        Assert.Equal(page, off.Headers.Location!.OriginalString);
        Assert.Contains("you’ll get event invitations, but not the newsletter", await (await client.GetAsync(page)).TextAsync());
        Assert.Equal((false, true), await Wants("toggles@prefs.example"));

        await client.SubmitAsync(page, [new("Newsletter", "true"), new("Invitations", "false")], page + "?handler=Subscriptions");
        Assert.Equal((true, false), await Wants("toggles@prefs.example"));
    }

    [Fact]
    public async Task Details_change_with_the_same_messages_as_the_sign_up_form()
    {
        var token = await app.SignAndConfirmAsync("details@prefs.example", "Old Name");
        var client = app.CreateBrowserLikeClient();
        var page = $"/charter/preferences/{token}";
        var fields = CharterAppFactory.Fields("new-details@prefs.example", "New Name", "SouthWest", listed: true, website: "www.newname.example")
            .Where(f => f.Item1.StartsWith("Input.")).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).ToList();

        var saved = await client.SubmitAsync(page, fields, page + "?handler=Details");
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        var signatory = await app.WithDbAsync(db => db.Signatories.SingleAsync(s => s.EmailKey == "new-details@prefs.example"));
        Assert.Equal(("New Name", EnglishRegion.SouthWest, "https://www.newname.example/", true),
            (signatory.OrganisationName, signatory.Region, signatory.Website, signatory.ListedPublicly));

        var bad = fields.Select(f => f.Key == "Input.Region" ? new KeyValuePair<string, string>(f.Key, "Wales") : f);
        var refused = await client.SubmitAsync(page, bad, page + "?handler=Details");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Choose one of the nine regions of England from the list", await refused.TextAsync());
    }

    [Fact]
    public async Task Everything_we_hold_is_a_json_file_with_staff_notes_and_the_invitations_sent()
    {
        var token = await app.SignAndConfirmAsync("export@prefs.example", "Export Org");
        var ev = await app.CreateAsync(change: e => e.Title = "Birmingham community day");
        await app.WithDbAsync(async db =>
        {
            var s = await db.Signatories.SingleAsync(x => x.EmailKey == "export@prefs.example");
            s.StaffNotes = "Met at the Birmingham event";
            db.CharterInvitations.Add(new CharterInvitation { SignatoryId = s.Id, EventId = ev.Id, CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });

        var response = await app.CreateBrowserLikeClient().GetAsync($"/charter/preferences/{token}?handler=Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("Export Org", root.GetProperty("organisationName").GetString());
        Assert.Equal("Met at the Birmingham event", root.GetProperty("staffNotes").GetString());
        Assert.Equal("Birmingham community day", root.GetProperty("eventInvitations")[0].GetProperty("eventTitle").GetString());
        Assert.Contains(root.GetProperty("emails").EnumerateArray(), e => e.GetProperty("purpose").GetString() == "charter-welcome");
        Assert.DoesNotContain("tokenHash", root.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Withdrawing_turns_everything_off_and_erasing_asks_first_then_deletes_the_row()
    {
        var token = await app.SignAndConfirmAsync("withdraw@prefs.example", listed: true);
        var client = app.CreateBrowserLikeClient();
        var page = $"/charter/preferences/{token}";

        Assert.Equal(HttpStatusCode.SeeOther, (await client.SubmitAsync(page, [], page + "?handler=Withdraw")).StatusCode);
        var withdrawn = await app.WithDbAsync(db => db.Signatories.SingleAsync(s => s.EmailKey == "withdraw@prefs.example"));
        Assert.Equal((SignatoryStatus.Withdrawn, false, false, false),
            (withdrawn.Status, withdrawn.WantsNewsletter, withdrawn.WantsInvitations, withdrawn.ListedPublicly));
        Assert.NotNull(withdrawn.WithdrawnAt);

        var ask = await client.GetAsync($"{page}/erase");
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("This can’t be undone", await ask.TextAsync());
        Assert.True(await app.WithDbAsync(db => db.Signatories.AnyAsync(s => s.EmailKey == "withdraw@prefs.example")));

        var erased = await client.SubmitAsync($"{page}/erase", []);
        Assert.Equal((HttpStatusCode.SeeOther, "/charter/erased"), (erased.StatusCode, erased.Headers.Location!.OriginalString));
        Assert.False(await app.WithDbAsync(db => db.Signatories.AnyAsync(s => s.EmailKey == "withdraw@prefs.example")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task A_made_up_preferences_link_gets_a_friendly_404()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync($"/charter/preferences/{new string('b', 43)}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We can’t find this link", await response.TextAsync());
    }

    [Fact]
    public async Task One_click_unsubscribe_is_a_bare_post_without_cookies_or_antiforgery_that_answers_200_and_turns_the_newsletter_off()
    {
        var token = await app.SignAndConfirmAsync("oneclick@prefs.example");
        using var bare = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var response = await bare.PostAsync($"/charter/unsubscribe/{token}",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((false, true), await Wants("oneclick@prefs.example"));
        Assert.Equal(HttpStatusCode.BadRequest, (await bare.PostAsync($"/charter/unsubscribe/{token}",
            new FormUrlEncodedContent([new("List-Unsubscribe", "Something-Else")]))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bare.PostAsync($"/charter/unsubscribe/{new string('c', 43)}",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).StatusCode);
    }

    [Fact]
    public async Task The_unsubscribe_page_has_one_button_that_turns_the_newsletter_off_and_needs_antiforgery()
    {
        var token = await app.SignAndConfirmAsync("button@prefs.example");
        var client = app.CreateBrowserLikeClient();
        var page = $"/charter/unsubscribe/{token}";
        Assert.Contains("Unsubscribe from the newsletter", await (await client.GetAsync(page)).TextAsync());

        using var bare = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var forged = await bare.PostAsync($"{page}/Confirm", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal((true, true), await Wants("button@prefs.example"));

        var done = await client.SubmitAsync(page, [], $"{page}/Confirm");
        Assert.Equal((HttpStatusCode.SeeOther, page), (done.StatusCode, done.Headers.Location!.OriginalString));
        Assert.Equal((false, true), await Wants("button@prefs.example"));
        Assert.Contains("You’re unsubscribed", await (await client.GetAsync(page)).TextAsync());
    }

    [Fact]
    public void The_newsletter_helper_adds_the_rfc_8058_headers()
    {
        var message = new Community.Platform.Email.OutboxMessage().WithOneClickUnsubscribe(new SiteOptions { BaseUrl = "https://community.example", ContactEmail = "hello@community.example" }, "tok");
        Assert.Equal("<https://community.example/charter/unsubscribe/tok>, <mailto:hello@community.example?subject=Unsubscribe>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task Our_community_lists_only_confirmed_signatories_that_opted_in_by_region_with_nofollow_links()
    {
        await app.SignAndConfirmAsync("listed@community.example", "Listed Leeds Group", listed: true, region: "YorkshireAndTheHumber", website: "https://leeds.example");
        await app.SignAndConfirmAsync("unlisted@community.example", "Quiet Group", listed: false);
        await app.SignAsync("pending@community.example", "Pending Group", listed: true);

        var html = await (await app.CreateBrowserLikeClient().GetAsync("/charter/community")).TextAsync();

        Assert.Contains("<h2 id=\"region-YorkshireAndTheHumber\">Yorkshire and the Humber</h2>", html);
        Assert.Contains("<a href=\"https://leeds.example/\" rel=\"nofollow noopener\">Listed Leeds Group</a>", html);
        Assert.DoesNotContain("Quiet Group", html);
        Assert.DoesNotContain("Pending Group", html);
    }

    private async Task<(bool, bool)> Wants(string email)
    {
        var signatory = await app.WithDbAsync(db => db.Signatories.AsNoTracking().SingleAsync(s => s.EmailKey == email));
        return (signatory.WantsNewsletter, signatory.WantsInvitations);
    }
}
