using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests;

/// <summary>
/// The Charter round on a phone: sign, follow the link from the email, download the badge, turn the newsletter off;
/// and a mail app's one-click unsubscribe for another signatory, a bare POST with no cookies. axe checks each page.
/// </summary>
public sealed partial class CharterJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Sign_confirm_from_the_email_download_the_badge_and_turn_the_newsletter_off()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/charter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("The Hearts and Minds Charter");
        await page.AssertNoAxeViolationsAsync();

        await page.GetByLabel("Name of your organisation").FillAsync("Bluebell Care");
        await page.GetByLabel("Your name").FillAsync("Asha Patel");
        await page.GetByLabel("Your role (optional)").FillAsync("Coordinator");
        await page.GetByLabel("Your email address").FillAsync("asha@bluebell-round.example");
        await page.GetByLabel("Region of England").SelectOptionAsync(new SelectOptionValue { Label = "West Midlands" });
        await page.GetByLabel("Website (optional)").FillAsync("https://bluebell-round.example");
        await page.GetByLabel("List us on the Our community page").CheckAsync();
        // First without the statement: the error summary takes focus and says what to do.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign the Charter" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToContainTextAsync("Tick the box to sign up to the Charter");
        await page.AssertNoAxeViolationsAsync();
        await page.GetByLabel("On behalf of my organisation, I sign up").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign the Charter" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check your email");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("asha@bluebell-round.example");
        await page.AssertNoAxeViolationsAsync();

        var confirmLink = await LinkInEmailAsync("asha@bluebell-round.example", "charter-confirm");
        await page.GotoAsync(new Uri(confirmLink).PathAndQuery);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thank you for signing the Charter");
        await page.AssertNoAxeViolationsAsync();

        // The badge: the SVG parses as XML, the PNG decodes (in the browser, and by its header) at 1200 × 480.
        var svgDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "SVG" }).First.ClickAsync());
        var svg = new XmlDocument();
        svg.Load(await svgDownload.PathAsync());
        Assert.Equal("svg", svg.DocumentElement!.LocalName);
        var pngDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "PNG" }).Last.ClickAsync());
        var png = await File.ReadAllBytesAsync(await pngDownload.PathAsync());
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal((1200, 480), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        var decoded = await page.EvaluateAsync<JsonElement>("""
            async () => { const b = await createImageBitmap(await (await fetch('/charter/badge.png')).blob()); return { w: b.width, h: b.height }; }
            """);
        Assert.Equal((1200, 480), (decoded.GetProperty("w").GetInt32(), decoded.GetProperty("h").GetInt32()));

        await page.GetByRole(AriaRole.Link, new() { Name = "Change your details, or turn the newsletter or invitations off" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bluebell Care");
        await page.AssertNoAxeViolationsAsync();
        await page.GetByLabel("The newsletter").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save what we send you" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("not the newsletter");
        await page.AssertNoAxeViolationsAsync();
        var signatory = await browser.App.WithDbAsync(db => db.Signatories.AsNoTracking().SingleAsync(s => s.EmailKey == "asha@bluebell-round.example"));
        Assert.Equal((SignatoryStatus.Confirmed, false, true), (signatory.Status, signatory.WantsNewsletter, signatory.WantsInvitations));

        await page.GotoAsync("/charter/community");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Bluebell Care" })).ToHaveAttributeAsync("rel", "nofollow noopener");
        await page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task A_mail_apps_one_click_unsubscribe_is_a_bare_post_without_cookies_and_the_page_says_so()
    {
        var token = await browser.App.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var s = new Signatory
            {
                OrganisationName = "Smile Group", ContactName = "Sam Smile", Email = "sam@smile-round.example", EmailKey = "sam@smile-round.example",
                Region = EnglishRegion.London, Status = SignatoryStatus.Confirmed, CreatedAt = now, UpdatedAt = now, ConfirmedAt = now,
            };
            db.Signatories.Add(s);
            var issued = CharterLinks.Issue(db, s, SignatoryLinkPurpose.Preferences, now);
            await db.SaveChangesAsync();
            return issued;
        });

        using var bare = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = browser.BaseUrl };
        var response = await bare.PostAsync($"/charter/unsubscribe/{token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await browser.App.WithDbAsync(db => db.Signatories.AsNoTracking().SingleAsync(s => s.EmailKey == "sam@smile-round.example"))).WantsNewsletter);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/charter/unsubscribe/{token}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You’re unsubscribed");
        await page.AssertNoAxeViolationsAsync();
    }

    private async Task<string> LinkInEmailAsync(string address, string purpose)
    {
        var body = await browser.App.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == address && m.Purpose == purpose)
            .OrderByDescending(m => m.Id).Select(m => m.TextBody).FirstAsync());
        return EmailLink().Match(body).Value;
    }

    [GeneratedRegex(@"https?://\S+/charter/confirm/[A-Za-z0-9_-]{43}")]
    private static partial Regex EmailLink();
}
