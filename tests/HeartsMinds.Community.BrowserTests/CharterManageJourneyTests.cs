using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests;

/// <summary>
/// Staff on a phone, under the site's own CSP: find a signatory by region in /manage/charter, see the region chart
/// count them, and keep a note. (Signatories are written straight to the database: the public sign-up is tested on its own.)
/// </summary>
public sealed class CharterManageJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_find_a_signatory_by_region_and_the_region_chart_counts_them()
    {
        await SignatoryAsync("Northern Lights Perinatal", "hello@northern-lights.example", EnglishRegion.NorthWest, SignatoryStatus.Confirmed);
        await SignatoryAsync("Seaside Mums", "hello@seaside.example", EnglishRegion.SouthWest, SignatoryStatus.Confirmed);
        await SignatoryAsync("Pennine Parents", "hello@pennine.example", EnglishRegion.NorthWest, SignatoryStatus.Pending);
        var page = await browser.NewStrictCspPageAsync();
        var errorsBefore = browser.ConsoleErrors.Count;
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(CommunityAppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(CommunityAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/manage");

        await page.GetByRole(AriaRole.Link, new() { Name = "Charter signatories" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Charter signatories");
        await page.AssertNoAxeViolationsAsync();
        var coverage = page.GetByRole(AriaRole.Table, new() { Name = "Confirmed signatories in each region of England" });
        await Assertions.Expect(coverage.GetByRole(AriaRole.Row, new() { Name = "North West" })).ToContainTextAsync("1");
        await Assertions.Expect(coverage.GetByRole(AriaRole.Row, new() { Name = "North East" })).ToContainTextAsync("0");

        await page.GetByLabel("Region", new() { Exact = true }).SelectOptionAsync("North West");
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Confirmed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show signatories" }).ClickAsync();
        var list = page.GetByRole(AriaRole.Region, new() { Name = "Signatories", Exact = true });
        await Assertions.Expect(list).ToContainTextAsync("Northern Lights Perinatal");
        await Assertions.Expect(list).Not.ToContainTextAsync("Seaside Mums");
        await Assertions.Expect(list).Not.ToContainTextAsync("Pennine Parents");
        await Assertions.Expect(page.GetByLabel("Region", new() { Exact = true })).ToHaveValueAsync("NorthWest");
        await page.AssertNoAxeViolationsAsync();
        await AssertFitsAsync(page, 360);

        await list.GetByRole(AriaRole.Link, new() { Name = "Northern Lights Perinatal" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Northern Lights Perinatal");
        await page.AssertNoAxeViolationsAsync();
        await page.GetByLabel("Staff notes").FillAsync("Keen to host a face-to-face day in Manchester.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save notes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Your notes are saved.");
        await Assertions.Expect(page.GetByLabel("Staff notes")).ToHaveValueAsync("Keen to host a face-to-face day in Manchester.");
        await page.AssertNoAxeViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Erase their data" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Erase Northern Lights Perinatal?" })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync();
        await AssertFitsAsync(page, 360);

        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.cspViolations"));
        Assert.Empty(browser.ConsoleErrors.Skip(errorsBefore));
    }

    private Task<int> SignatoryAsync(string organisation, string email, EnglishRegion region, SignatoryStatus status) =>
        browser.App.WithDbAsync(db =>
        {
            db.Signatories.Add(new Signatory
            {
                OrganisationName = organisation, ContactName = "Sam Contact", Email = email, EmailKey = Signatory.KeyOf(email),
                Region = region, Status = status, ConfirmedAt = status == SignatoryStatus.Confirmed ? DateTimeOffset.UtcNow.AddDays(-1) : null,
            });
            return db.SaveChangesAsync();
        });

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth}px wide on a {width}px screen");
    }
}
