using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests;

/// <summary>
/// Staff on the day and before it: a walk-in added by hand (no emails) who is waiting, given a place and checked in
/// at the door; and a message to everyone coming, previewed, counted and sent once to each.
/// </summary>
public sealed class StaffToolsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_walk_in_added_by_hand_to_a_full_event_waits_then_is_given_a_place_and_checked_in_at_the_door()
    {
        var ev = await CreateEventAsync("Walk-in day", capacity: 1, startsAt: DateTimeOffset.UtcNow.AddMinutes(30),
            registrationClosesAt: DateTimeOffset.UtcNow.AddHours(-1));
        await RegisterAsync(ev.Id, "Acacia Family Support", "Siân Roberts", "sian@acacia.example");
        var page = await SignedInAsync();

        await page.GotoAsync($"/manage/events/{ev.Id}");
        await page.AssertNoAxeViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a registration" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Walk-in day");
        await page.AssertNoAxeViolationsAsync();

        // Sent empty first: the same messages as the public form, with the summary taking focus.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add registration" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await page.AssertNoAxeViolationsAsync();

        await page.GetByLabel("Organisation", new() { Exact = true }).FillAsync("Bluebell Care");
        await page.GetByLabel("Contact name").FillAsync("Wren Later");
        await page.GetByLabel("Contact email address").FillAsync("wren@bluebell.example");
        await page.GetByLabel("Full name").FillAsync("Wren Later");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync("wren@bluebell.example");
        await page.GetByLabel("They're happy for us to use these details").CheckAsync();
        await page.GetByLabel("Don't email them").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add registration" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("1 is on the waitlist, because the event is full. Nobody was emailed.");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Waitlist" })).ToContainTextAsync("Wren Later");
        await page.AssertNoAxeViolationsAsync();
        Assert.False(await browser.App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "wren@bluebell.example")));

        // At the door: found though waiting, shown as waiting, and given a place and checked in with one button.
        await page.GetByRole(AriaRole.Link, new() { Name = "Check-in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#check-in-count")).ToHaveTextAsync("0 of 1 checked in");
        var search = page.GetByLabel("Search by name or organisation");
        await search.PressSequentiallyAsync("wren");
        await Assertions.Expect(page.Locator("#check-in-matches")).ToHaveTextAsync("Nobody with a place matches “wren”; 1 on the waitlist");
        var waiting = page.Locator(".check-in-row--waiting").Filter(new() { HasText = "Wren Later" });
        await Assertions.Expect(waiting).ToContainTextAsync("On the waitlist: no place yet");
        await page.AssertNoAxeViolationsAsync();
        await AssertFitsAsync(page, 360);

        // Keyboard only: Tab from the search to the Search button, then to the row's button, and Enter.
        await search.FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Give a place and check in Wren Later" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#check-in-count")).ToHaveTextAsync("1 of 2 checked in");
        await Assertions.Expect(page.Locator("#check-in-notice")).ToHaveTextAsync("Wren Later has a place and is checked in.");
        await Assertions.Expect(search).ToBeFocusedAsync();
        await Assertions.Expect(search).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator(".check-in-row--done").Filter(new() { HasText = "Wren Later" })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync();
        var wren = await browser.App.WithDbAsync(db => db.Attendees.SingleAsync(a => a.EventId == ev.Id && a.Email == "wren@bluebell.example"));
        Assert.Equal(AttendeeStatus.Confirmed, wren.Status);
        Assert.NotNull(wren.CheckedInAt);
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Staff_email_everyone_coming_after_seeing_the_preview_and_the_count_and_each_person_gets_one_email()
    {
        var ev = await CreateEventAsync("Message day", capacity: 2, startsAt: DateTimeOffset.UtcNow.AddDays(10));
        await RegisterAsync(ev.Id, "Acacia Family Support", "Ada Lake", "ada@acacia.example");
        await RegisterAsync(ev.Id, "Bluebell Care", "Ben Lake", "ben@bluebell.example");
        await RegisterAsync(ev.Id, "Bluebell Care", "Cat Lake", "cat@bluebell.example"); // waiting: not emailed
        var page = await SignedInAsync(width: 1280, height: 900);

        await page.GotoAsync($"/manage/events/{ev.Id}/registrations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Email everyone coming" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync();
        await page.GetByLabel("Subject").FillAsync("Parking on the day");
        await page.GetByLabel("Message").FillAsync("The car park is closed.\n\nPlease use the one on Church Street.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check it, then send" })).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator(".notice").First).ToContainTextAsync("This goes to 2 people with a place");
        var preview = page.FrameLocator("iframe.mail-preview");
        await Assertions.Expect(preview.Locator("body")).ToContainTextAsync("Hello Ada Lake,");
        await Assertions.Expect(preview.Locator("body")).ToContainTextAsync("Please use the one on Church Street.");
        await page.AssertNoAxeViolationsAsync();
        Assert.DoesNotContain(browser.Mail.Messages, m => m.Data.Contains("Parking on the day"));

        // A double click sends once.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to 2 people" }).DblClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("is on its way to the 2 people with a place");
        await page.AssertNoAxeViolationsAsync();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && browser.Mail.Messages.Count(m => m.Data.Contains("Parking on the day")) < 2) await Task.Delay(200);
        await Task.Delay(1500); // time for a second copy to arrive, if one were sent
        var sent = browser.Mail.Messages.Where(m => m.Data.Contains("Parking on the day")).ToList();
        Assert.Equal(["ada@acacia.example", "ben@bluebell.example"], sent.SelectMany(m => m.Recipients).Order());
        Assert.Equal(1, await browser.App.WithDbAsync(db => db.StaffMessages.CountAsync(m => m.EventId == ev.Id)));
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_draft_is_previewed_and_deleted_and_a_series_change_asks_before_emailing_with_no_accessibility_problems()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/manage/events/new");
        await page.GetByLabel("Title").FillAsync("Summer gathering");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(50).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Start time").FillAsync("10:30");
        await page.GetByLabel("End time").FillAsync("15:00");
        await page.GetByLabel("Venue name").FillAsync("Leeds Central Library");
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("Calverley Street, Leeds");
        await page.GetByLabel("Places", new() { Exact = true }).FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a draft" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Summer gathering");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel this event" })).ToHaveCountAsync(0);
        await page.AssertNoAxeViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Preview", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("Preview of a draft: only staff can see this page");
        await page.AssertNoAxeViolationsAsync();
        await page.GoBackAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete the draft “Summer gathering”?" })).ToBeFocusedAsync();
        await page.AssertNoAxeViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete the draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("The draft “Summer gathering” is deleted.");
        await page.AssertNoAxeViolationsAsync();

        // A series with someone booked: changing its time asks first, saying how many will be emailed.
        await page.GotoAsync("/manage/conversation-space/new");
        await page.GetByLabel("Joining link").FillAsync("https://zoom.example/j/123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and make the sessions" }).ClickAsync();
        var seriesUrl = new Uri(page.Url).AbsolutePath;
        var seriesId = long.Parse(seriesUrl.Split('/').Last());
        var session = await browser.App.WithDbAsync(db => db.Events.Where(e => e.SeriesId == seriesId).OrderBy(e => e.StartsAt).FirstAsync());
        await RegisterAsync(session.Id, "Acacia Family Support", "Siân Roberts", "sian.series@acacia.example");
        await page.GotoAsync($"{seriesUrl}/edit");
        await page.GetByLabel("Start time").FillAsync("13:00");
        await page.GetByLabel("End time").FillAsync("14:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Saving will email 1 person" })).ToBeFocusedAsync();
        await page.AssertNoAxeViolationsAsync();
        Assert.False(await browser.App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "sian.series@acacia.example" && m.Purpose == "event-changed")));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and email 1 person" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("everyone with a place has been emailed");
        Assert.True(await browser.App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "sian.series@acacia.example" && m.Purpose == "event-changed")));
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

    private Task<Event> CreateEventAsync(string title, int capacity, DateTimeOffset startsAt, DateTimeOffset? registrationClosesAt = null) =>
        browser.App.WithDbAsync(async db =>
        {
            var ev = new Event
            {
                Kind = EventKind.InPerson, Status = EventStatus.Published, Title = title, Description = "A day together.",
                StartsAt = startsAt, EndsAt = startsAt.AddHours(3), Capacity = capacity, WaitlistEnabled = true,
                VenueName = "The Community Hall", VenueAddress = "1 High Street, Birmingham", VenuePostcode = "B1 1AA",
                RegistrationClosesAt = registrationClosesAt,
            };
            db.Events.Add(ev);
            await db.SaveChangesAsync();
            return ev;
        });

    private async Task RegisterAsync(long eventId, string organisation, string name, string email)
    {
        using var scope = browser.App.Services.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RegistrationDesk>().RegisterAsync(new RegistrationRequest(
            eventId, Guid.NewGuid(), organisation, "Coordinator", "coordinator@" + email.Split('@')[1],
            [new AttendeeDetails(name, email, "Volunteer", null, null)], ByStaff: true));
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
