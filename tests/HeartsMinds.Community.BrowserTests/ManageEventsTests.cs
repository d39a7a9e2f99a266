using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests;

/// <summary>A member of staff on a phone: makes an event, sees who's coming, checks people in at the door.</summary>
public sealed class ManageEventsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task On_a_phone_staff_create_an_event_see_its_registrations_and_check_someone_in_at_the_door()
    {
        var page = await SignedInAsync();
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40);

        await page.GotoAsync("/manage/events/new");
        await page.AssertNoAxeViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToContainTextAsync("Enter the date of the event");
        await page.AssertNoAxeViolationsAsync();

        await page.GetByLabel("Title").FillAsync("Community day in Birmingham");
        await page.GetByLabel("Description").FillAsync("Meet other services. **Lunch provided.**");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(date.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Start time").FillAsync("10:30");
        await page.GetByLabel("End time").FillAsync("15:00");
        await page.GetByLabel("Venue name").FillAsync("The Community Hall");
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("1 High Street, Birmingham");
        await page.GetByLabel("Postcode (optional)").FillAsync("B1 1AA");
        await page.GetByLabel("Places", new() { Exact = true }).FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Community day in Birmingham");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("is published");
        await page.AssertNoAxeViolationsAsync();
        var eventId = long.Parse(new Uri(page.Url).AbsolutePath.Split('/').Last());

        await RegisterAsync(eventId, "Acacia Family Support", ("Siân Roberts", "sian@acacia.example", "Step-free access, please"), ("Tom Hughes", "tom@acacia.example", null));
        await RegisterAsync(eventId, "Bluebell Care", ("Wren Later", "wren@bluebell.example", null));

        await page.GetByRole(AriaRole.Link, new() { Name = "Registrations", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".stats")).ToContainTextAsync("2 of 2 places taken");
        await Assertions.Expect(page.Locator(".stats")).ToContainTextAsync("1 on the waitlist");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Waitlist" })).ToContainTextAsync("Wren Later");
        await page.AssertNoAxeViolationsAsync();
        await AssertFitsAsync(page, 360);

        await page.GetByRole(AriaRole.Link, new() { Name = "Check-in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#check-in-count")).ToHaveTextAsync("0 of 2 checked in");
        await page.AssertNoAxeViolationsAsync();
        await AssertFitsAsync(page, 360);

        // Typing filters the list (htmx), without pressing Search.
        await page.GetByLabel("Search by name or organisation").PressSequentiallyAsync("sian");
        await Assertions.Expect(page.Locator("#check-in-matches")).ToHaveTextAsync("1 person matches “sian”");
        await Assertions.Expect(page.Locator(".check-in-list li")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check in Siân Roberts" }).ClickAsync();

        // The search starts again for the next person: the box is empty and has focus, and everyone is listed.
        await Assertions.Expect(page.Locator("#check-in-count")).ToHaveTextAsync("1 of 2 checked in");
        var search = page.GetByLabel("Search by name or organisation");
        await Assertions.Expect(search).ToBeFocusedAsync();
        await Assertions.Expect(search).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#check-in-notice")).ToHaveTextAsync("Siân Roberts is checked in.");
        var row = page.Locator(".check-in-row").Filter(new() { HasText = "Siân Roberts" });
        await Assertions.Expect(row).ToContainTextAsync("Checked in");
        await Assertions.Expect(page.Locator(".check-in-row").Filter(new() { HasText = "Tom Hughes" })).ToBeVisibleAsync();
        Assert.DoesNotContain("q=sian", page.Url);
        await page.AssertNoAxeViolationsAsync();
        var checkedIn = await browser.App.WithDbAsync(db => db.Attendees.Where(a => a.EventId == eventId && a.Email == "sian@acacia.example").Select(a => a.CheckedInAt).SingleAsync());
        Assert.NotNull(checkedIn);

        await page.GetByRole(AriaRole.Button, new() { Name = "Undo check-in for Siân Roberts" }).ClickAsync();
        await Assertions.Expect(page.Locator("#check-in-count")).ToHaveTextAsync("0 of 2 checked in");
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Staff_set_up_the_Conversation_Space_and_the_pages_they_use_have_no_accessibility_problems()
    {
        var page = await SignedInAsync(width: 1280, height: 900);

        await page.GotoAsync("/manage/conversation-space");
        await page.AssertNoAxeViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up a new series" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync();
        await page.GetByLabel("Joining link").FillAsync("https://zoom.example/j/123");
        await page.GetByLabel("Week of the month").SelectOptionAsync("Second");
        await page.GetByLabel("Day", new() { Exact = true }).SelectOptionAsync("Tuesday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and make the sessions" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Conversation Space");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("is set up with");
        await page.AssertNoAxeViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Change the session on" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Change this session");
        await page.AssertNoAxeViolationsAsync();

        await page.GotoAsync("/manage/events");
        await page.AssertNoAxeViolationsAsync();
        await page.GotoAsync("/manage");
        await Assertions.Expect(page.Locator(".chart svg")).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync();
        AssertNoConsoleErrors();
    }

    private async Task<IPage> SignedInAsync(int width = 360, int height = 740)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(CommunityAppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(CommunityAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/manage");
        return page;
    }

    private async Task RegisterAsync(long eventId, string organisation, params (string Name, string Email, string? Access)[] people)
    {
        using var scope = browser.App.Services.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RegistrationDesk>().RegisterAsync(new RegistrationRequest(
            eventId, Guid.NewGuid(), organisation, "Coordinator", "coordinator@" + people[0].Email.Split('@')[1],
            people.Select(p => new AttendeeDetails(p.Name, p.Email, "Volunteer", p.Access, null)).ToList()));
        Assert.IsType<RegistrationOutcome.Registered>(outcome);
    }

    /// <summary>No CSP violations or script errors. Chromium also logs the 400 of a form sent with mistakes on purpose.</summary>
    private void AssertNoConsoleErrors() =>
        Assert.DoesNotContain(browser.ConsoleErrors, e => !e.Contains("the server responded with a status of 400"));

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth}px wide on a {width}px screen");
    }
}
