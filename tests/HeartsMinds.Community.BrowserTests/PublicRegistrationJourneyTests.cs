using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using System.Text.RegularExpressions;

namespace HeartsMinds.Community.BrowserTests;

/// <summary>
/// A coordinator on a phone, as a new user would: finds the next Conversation Space, registers two colleagues for a
/// session with one place left, uses the private link from the email to cancel one, and the colleague waiting gets
/// the place. axe checks every page on the way.
/// </summary>
public sealed partial class PublicRegistrationJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_on_a_phone_registers_two_colleagues_and_cancels_one_so_the_one_waiting_gets_the_place()
    {
        await EnsureSeriesAsync(capacity: 1);
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/conversation-space");
        await CheckPageAsync(page);
        await page.GotoAsync("/events");
        await CheckPageAsync(page);
        await page.Locator("#conversation-space ~ .event-list .card__title a").First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Conversation Space");
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Register for Conversation Space") }).ClickAsync();
        await CheckPageAsync(page);
        var registerUrl = page.Url;

        await page.GetByLabel("Name of your organisation").FillAsync("Smile Group");
        await page.GetByLabel("Your name").FillAsync("Cara Coordinator");
        await page.GetByLabel("Your email address").FillAsync("cara@smile.example");
        await page.Locator("#Input_Attendees_0__Name").FillAsync("Asha Patel");
        await page.Locator("#Input_Attendees_0__Email").FillAsync("asha@smile.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add another person" }).ClickAsync();

        // htmx swapped in the second person without reloading the page, kept what was typed, and moved focus there.
        await Assertions.Expect(page.Locator("#Input_Attendees_1__Name")).ToBeFocusedAsync();
        Assert.Equal(registerUrl, page.Url);
        await Assertions.Expect(page.Locator("#Input_Attendees_0__Name")).ToHaveValueAsync("Asha Patel");
        await Assertions.Expect(page.GetByLabel("Name of your organisation")).ToHaveValueAsync("Smile Group");
        await page.Locator("#Input_Attendees_1__Name").FillAsync("Ben Jones");
        await page.Locator("#Input_Attendees_1__Email").FillAsync("ben@smile.example");
        await page.Locator("#Input_Attendees_1__AccessNeeds").FillAsync("Captions, please.");
        await CheckPageAsync(page);
        await page.GetByLabel("I'm happy for the Hearts and Minds Partnership").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/events/\\d+/registered\\?key="));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("1 of 2 people has a place");
        await Assertions.Expect(page.Locator("li", new() { HasText = "Asha Patel" })).ToContainTextAsync("Has a place");
        await Assertions.Expect(page.Locator("li", new() { HasText = "Ben Jones" })).ToContainTextAsync("On the waitlist: number 1");
        await CheckPageAsync(page);

        // The contact's email carries the private link; here we take it from the outbox.
        var token = await ManageTokenAsync("cara@smile.example");
        await page.GotoAsync($"/registrations/{token}");
        await Assertions.Expect(page.GetByText("Your joining link")).ToBeVisibleAsync();
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel Asha Patel's place" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Cancel Asha Patel's place?");
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel Asha Patel's place" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/registrations/{token}");
        await Assertions.Expect(page.Locator("li.person", new() { HasText = "Ben Jones" })).ToContainTextAsync("Has a place");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Place cancelled");
        await CheckPageAsync(page);
        Assert.True(await WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "ben@smile.example" && m.Purpose == "waitlist-promotion")));
        // No script errors. (A form answered 400 on purpose by another test logs "Failed to load resource": not an error here.)
        Assert.DoesNotContain(browser.ConsoleErrors, e => !e.Contains("Failed to load resource"));
    }

    [Fact]
    public async Task Sending_the_form_empty_shows_an_error_summary_that_takes_focus_with_a_link_to_each_question()
    {
        var ev = await CreateEventAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/events/{ev.Id}/register");

        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();

        var summary = page.Locator("[data-error-summary]");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Enter the name of your organisation");
        await Assertions.Expect(summary).ToContainTextAsync("Enter the email address of the person coming");
        await CheckPageAsync(page);
        await summary.GetByRole(AriaRole.Link, new() { Name = "Enter the email address of the person coming" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Attendees_0__Email")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task With_javascript_off_people_can_still_be_added_and_removed_and_the_form_sent()
    {
        var ev = await CreateEventAsync();
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.BaseUrl.ToString(),
            ViewportSize = new() { Width = 360, Height = 740 },
            JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/events/{ev.Id}/register");

        await page.GetByLabel("Name of your organisation").FillAsync("No Script Org");
        await page.GetByLabel("Your name").FillAsync("Nadia");
        await page.GetByLabel("Your email address").FillAsync("nadia@noscript.example");
        await page.Locator("#Input_Attendees_0__Name").FillAsync("Removed Later");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add another person" }).ClickAsync();
        await page.Locator("#Input_Attendees_1__Name").FillAsync("Stays On");
        await page.Locator("#Input_Attendees_1__Email").FillAsync("stays@noscript.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove person 1" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Attendees_0__Name")).ToHaveValueAsync("Stays On");
        await Assertions.Expect(page.Locator("#Input_Attendees_1__Name")).ToHaveCountAsync(0);
        await page.GetByLabel("I'm happy for the Hearts and Minds Partnership").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/registered\\?key="));
        await Assertions.Expect(page.Locator("li", new() { HasText = "Stays On" })).ToContainTextAsync("Has a place");
        await context.CloseAsync();
    }

    /// <summary>axe finds nothing, and the page fits a phone's width.</summary>
    private static async Task CheckPageAsync(IPage page)
    {
        await page.AssertNoAxeViolationsAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"{page.Url} is {width}px wide on a 360px screen");
    }

    private async Task EnsureSeriesAsync(int capacity)
    {
        using var scope = browser.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        var series = await db.ConversationSpaceSeries.FirstOrDefaultAsync();
        if (series is null)
        {
            series = new ConversationSpaceSeries
            {
                StartsOn = DateOnly.FromDateTime(DateTime.UtcNow),
                Capacity = capacity,
                JoiningUrl = "https://zoom.example/j/journey-link",
                MonthsAhead = 2,
            };
            db.ConversationSpaceSeries.Add(series);
            await db.SaveChangesAsync();
        }
        await scope.ServiceProvider.GetRequiredService<SeriesPlanner>().FillHorizonAsync(series.Id);
    }

    private Task<Event> CreateEventAsync() => WithDbAsync(async db =>
    {
        var start = DateTimeOffset.UtcNow.AddDays(21);
        var ev = new Event
        {
            Kind = EventKind.InPerson, Status = EventStatus.Published, Title = "Face-to-face in Leeds",
            StartsAt = start, EndsAt = start.AddHours(3), Capacity = 10,
            VenueName = "Leeds Central Library", VenueAddress = "Calverley Street, Leeds", VenuePostcode = "LS1 3AB",
        };
        db.Events.Add(ev);
        await db.SaveChangesAsync();
        return ev;
    });

    private async Task<string> ManageTokenAsync(string contactEmail)
    {
        var body = await WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == contactEmail && m.Purpose == "registration-confirmation")
            .OrderByDescending(m => m.Id).Select(m => m.TextBody).FirstAsync());
        return ManageLink().Match(body).Groups[1].Value;
    }

    private Task<T> WithDbAsync<T>(Func<CommunityDb, Task<T>> work) => browser.App.WithDbAsync(work);

    [GeneratedRegex(@"/registrations/([A-Za-z0-9_-]{43})")]
    private static partial Regex ManageLink();
}
