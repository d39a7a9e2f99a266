using System.Text.RegularExpressions;
using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests;

/// <summary>
/// A person's own link, on a phone: freeing their place gives it to the next person waiting; and "Lost your link?"
/// by keyboard alone. axe checks each page.
/// </summary>
public sealed partial class PersonLinkJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Someone_who_cannot_come_frees_their_place_from_their_own_email_and_the_next_person_gets_it()
    {
        var ev = await EventAsync(capacity: 1);
        await RegisterAsync(ev.Id, ("Ola Able", "ola@own.example"), ("Wen Waiting", "wen@own.example"));
        var token = await OwnTokenAsync("ola@own.example");
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"/places/{token}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(ev.Title);
        await Assertions.Expect(page.GetByText("You have a place")).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Free my place" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Free your place on");
        await page.AssertNoAxeViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, free my place" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/places/{token}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is freed");
        await Assertions.Expect(page.GetByText("Your place is cancelled")).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync();
        var wen = await browser.App.WithDbAsync(db => db.Attendees.SingleAsync(a => a.EventId == ev.Id && a.EmailKey == "wen@own.example"));
        Assert.Equal(AttendeeStatus.Confirmed, wen.Status);
    }

    [Fact]
    public async Task Lost_your_link_by_keyboard_answers_the_same_and_emails_the_links()
    {
        var ev = await EventAsync(capacity: 10);
        await RegisterAsync(ev.Id, ("Lou Lost", "lou@lost.example"));
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/registrations/lost-link");
        await page.AssertNoAxeViolationsAsync();
        await page.GetByLabel("Your email address").FillAsync("lou@lost.example");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("we've emailed the links to it");
        await page.AssertNoAxeViolationsAsync();
        await page.GetByLabel("Your email address").FillAsync("stranger@nowhere.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me my links" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("stranger@nowhere.example");

        var sent = await browser.App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Purpose == "lost-links").Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(["lou@lost.example"], sent);
    }

    private Task<Event> EventAsync(int capacity) => browser.App.WithDbAsync(async db =>
    {
        var start = DateTimeOffset.UtcNow.AddDays(20);
        var ev = new Event
        {
            Kind = EventKind.InPerson, Status = EventStatus.Published, Title = $"Peer support day {Guid.NewGuid().ToString()[..4]}",
            StartsAt = start, EndsAt = start.AddHours(3), Capacity = capacity, WaitlistEnabled = true,
            VenueName = "The Community Hall", VenueAddress = "1 High Street, Leeds", VenuePostcode = "LS1 1AA",
        };
        db.Events.Add(ev);
        await db.SaveChangesAsync();
        return ev;
    });

    private async Task RegisterAsync(long eventId, params (string Name, string Email)[] people)
    {
        using var scope = browser.App.Services.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RegistrationDesk>().RegisterAsync(new RegistrationRequest(eventId, Guid.NewGuid(),
            "Own Link Org", "Cara Contact", "cara@own.example", people.Select(p => new AttendeeDetails(p.Name, p.Email, null, null, null)).ToList()));
        Assert.IsType<RegistrationOutcome.Registered>(outcome);
    }

    /// <summary>The person's own link, from their email.</summary>
    private async Task<string> OwnTokenAsync(string email)
    {
        var body = await browser.App.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == email).OrderBy(m => m.Id).Select(m => m.TextBody).FirstAsync());
        return OwnLink().Match(body).Groups[1].Value;
    }

    [GeneratedRegex(@"/places/([A-Za-z0-9_-]{43})")]
    private static partial Regex OwnLink();
}
