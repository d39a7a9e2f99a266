using HeartsMinds.Community.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests;

public sealed class HomePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(320)]
    [InlineData(1280)]
    public async Task The_home_page_has_no_accessibility_violations_and_fits_the_screen(int width)
    {
        var page = await browser.NewPageAsync(width);

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response!.Status);
        await page.AssertNoAxeViolationsAsync();
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"The page is {scrollWidth}px wide on a {width}px screen");
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task The_skip_link_takes_keyboard_users_to_the_main_content()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()");
        Assert.Equal("Skip to main content", focused);
        await page.Keyboard.PressAsync("Enter");

        Assert.EndsWith("#main", page.Url);
    }
}
