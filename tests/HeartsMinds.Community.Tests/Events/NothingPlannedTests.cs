using HeartsMinds.Community.Tests.Infrastructure;

namespace HeartsMinds.Community.Tests.Events;

/// <summary>Before anything is planned (a database of its own), the home page says so kindly instead of offering a date.</summary>
public sealed class NothingPlannedTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task With_nothing_planned_the_home_page_says_dates_are_coming_and_offers_no_register_button()
    {
        var html = await (await app.CreateBrowserLikeClient().GetAsync("/")).TextAsync();

        Assert.Contains("Next Conversation Space", html);
        Assert.Contains("New dates are coming soon", html);
        Assert.Contains("There are no face-to-face events planned just now", html);
        Assert.DoesNotContain("/register\"", html);
    }
}
