using System.Text.RegularExpressions;
using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Features.Events;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests;

/// <summary>
/// The register form as people really use it: Enter (or Go on a phone keyboard) sends it, with JavaScript on and
/// off; the confirmation says who has a place and who is waiting; and adding or removing a person breaks none of
/// the site's CSP. axe checks every page on the way.
/// </summary>
public sealed class RegisterFormTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Enter_in_a_field_sends_the_registration_rather_than_adding_a_person_and_the_confirmation_says_who_waits()
    {
        var ev = await CreateEventAsync(capacity: 1);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/events/{ev.Id}/register");
        await FillContactAsync(page, "enter");
        await page.Locator("#Input_Attendees_0__Name").FillAsync("Asha Enter");
        await page.Locator("#Input_Attendees_0__Email").FillAsync("asha@enter.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add another person" }).ClickAsync();
        await page.Locator("#Input_Attendees_1__Name").FillAsync("Ben Enter");
        await page.Locator("#Input_Attendees_1__Email").FillAsync("ben@enter.example");
        await page.GetByLabel("I'm happy for the Hearts and Minds Partnership").CheckAsync();
        // The hidden default button is neither a Tab stop nor announced.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true })).ToHaveCountAsync(1);

        await page.Locator("#Input_Attendees_1__Email").PressAsync("Enter");

        await page.WaitForURLAsync(new Regex("/registered\\?key="));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("1 of 2 people has a place");
        await Assertions.Expect(page.Locator(".confirmation")).Not.ToHaveClassAsync(new Regex("notice--success"));
        await Assertions.Expect(page.Locator("li", new() { HasText = "Asha Enter" })).ToContainTextAsync("Has a place");
        await Assertions.Expect(page.Locator("li", new() { HasText = "Ben Enter" })).ToContainTextAsync("On the waitlist: number 1");
        await page.AssertNoAxeViolationsAsync();

        // A second form for the full event: nobody has a place, and each is told where they are in the queue.
        await page.GotoAsync($"/events/{ev.Id}/register");
        await FillContactAsync(page, "second");
        await page.Locator("#Input_Attendees_0__Name").FillAsync("Cara Second");
        await page.Locator("#Input_Attendees_0__Email").FillAsync("cara@second.example");
        await page.GetByLabel("I'm happy for the Hearts and Minds Partnership").CheckAsync();
        await page.GetByLabel("Your name").PressAsync("Enter");

        await page.WaitForURLAsync(new Regex("/registered\\?key="));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Cara Second is on the waitlist");
        await Assertions.Expect(page.Locator("li", new() { HasText = "Cara Second" })).ToContainTextAsync("On the waitlist: number 2");
        await Assertions.Expect(page.GetByText("Thank you")).ToHaveCountAsync(0);
        await page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task Tab_never_stops_on_the_hidden_default_button()
    {
        var ev = await CreateEventAsync(capacity: 5);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/events/{ev.Id}/register");
        await page.Locator("a.back-link").FocusAsync();

        var stops = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            stops.Add(await page.EvaluateAsync<string>("() => document.activeElement.outerHTML.slice(0, 80)"));
        }

        Assert.DoesNotContain(stops, s => s.Contains("aria-hidden", StringComparison.Ordinal));
        Assert.StartsWith("<input", stops[0]);
    }

    [Fact]
    public async Task With_javascript_off_Enter_still_sends_the_registration()
    {
        var ev = await CreateEventAsync(capacity: 5);
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.BaseUrl.ToString(),
            ViewportSize = new() { Width = 360, Height = 740 },
            JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/events/{ev.Id}/register");
        await FillContactAsync(page, "noscript");
        await page.Locator("#Input_Attendees_0__Name").FillAsync("Dee Noscript");
        await page.Locator("#Input_Attendees_0__Email").FillAsync("dee@noscript.example");
        await page.GetByLabel("I'm happy for the Hearts and Minds Partnership").CheckAsync();

        await page.GetByLabel("Name of your organisation").PressAsync("Enter");

        await page.WaitForURLAsync(new Regex("/registered\\?key="));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thank you: Dee Noscript has a place");
        await Assertions.Expect(page.Locator(".confirmation")).ToHaveClassAsync(new Regex("notice--success"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task Adding_and_removing_people_breaks_nothing_in_the_content_security_policy()
    {
        var ev = await CreateEventAsync(capacity: 5);
        var page = await browser.NewStrictCspPageAsync();
        var errorsBefore = browser.ConsoleErrors.Count;
        await page.GotoAsync($"/events/{ev.Id}/register");
        // Someone drags the corner of the access needs box to make it bigger: the browser gives it an inline style,
        // which htmx used to copy onto the new rows (a style attribute the CSP blocks).
        await page.Locator("#Input_Attendees_0__AccessNeeds").EvaluateAsync("box => box.style.height = '12rem'");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add another person" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Attendees_1__Name")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add another person" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Attendees_2__Name")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove person 2" }).ClickAsync();
        await Assertions.Expect(page.Locator("fieldset.attendee")).ToHaveCountAsync(2);
        await page.AssertNoAxeViolationsAsync();

        var violations = await page.EvaluateAsync<string[]>("() => window.cspViolations");
        Assert.Empty(violations);
        Assert.Empty(browser.ConsoleErrors.Skip(errorsBefore));
    }

    private static async Task FillContactAsync(IPage page, string org)
    {
        await page.GetByLabel("Name of your organisation").FillAsync($"Org {org}");
        await page.GetByLabel("Your name").FillAsync($"Contact {org}");
        await page.GetByLabel("Your email address").FillAsync($"contact@{org}.example");
    }

    private Task<Event> CreateEventAsync(int capacity) => browser.App.WithDbAsync(async db =>
    {
        var start = DateTimeOffset.UtcNow.AddDays(21);
        var ev = new Event
        {
            Kind = EventKind.InPerson, Status = EventStatus.Published, Title = "Keyboard day in York",
            StartsAt = start, EndsAt = start.AddHours(3), Capacity = capacity,
            VenueName = "York Explore", VenueAddress = "Museum Street, York", VenuePostcode = "YO1 7DS",
        };
        db.Events.Add(ev);
        await db.SaveChangesAsync();
        return ev;
    });
}
