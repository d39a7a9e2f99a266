using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests;

public sealed class StaffSignInTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_staff_member_going_to_the_staff_area_is_asked_to_sign_in_and_lands_there()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/manage");
        Assert.Contains("/account/sign-in", page.Url);
        await page.AssertNoAxeViolationsAsync();

        await page.GetByLabel("Email address").FillAsync(CommunityAppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(CommunityAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/manage");
        Assert.Equal("Staff area", await page.Locator("h1").TextContentAsync());
        await page.AssertNoAxeViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/sign-in"));
        await page.GotoAsync("/manage");
        Assert.Contains("/account/sign-in", page.Url);
    }

    [Fact]
    public async Task A_form_sent_empty_shows_an_error_summary_that_takes_focus()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var summary = page.Locator("[data-error-summary]");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Enter your email address");
        await Assertions.Expect(summary).ToContainTextAsync("Enter your password");
        await page.AssertNoAxeViolationsAsync();
    }
}
