using System.Text;
using System.Text.RegularExpressions;
using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace HeartsMinds.Community.BrowserTests;

/// <summary>
/// The whole journey of the Events issue, with real email: a coordinator on a phone finds the next Conversation
/// Space, registers two colleagues (one gets the last place, one waits), gets the confirmation email over SMTP,
/// uses its private link to cancel one, and the colleague waiting is promoted and emailed; staff see it all in
/// /manage and export the CSV. axe checks every page on the way.
/// </summary>
public sealed partial class CoordinatorJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Register_two_colleagues_cancel_one_by_the_emailed_link_the_waiting_one_is_promoted_and_staff_export_it()
    {
        var session = await NextSessionWithOnePlaceLeftAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/events");
        await page.AssertNoAxeViolationsAsync();
        await page.Locator($"a[href='/events/{session.Id}']").First.ClickAsync();
        await page.AssertNoAxeViolationsAsync();

        // Saving the date first: the download is a plain calendar, without the joining link.
        var saved = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Download for Apple, Outlook") }).ClickAsync());
        var savedIcs = await File.ReadAllTextAsync(await saved.PathAsync());
        Assert.Contains("SUMMARY:Conversation Space", savedIcs);
        Assert.DoesNotContain("journey-secret", savedIcs);
        Assert.DoesNotContain("METHOD:", savedIcs);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Register") }).First.ClickAsync();

        await page.GetByLabel("Name of your organisation").FillAsync("Acacia Family Support");
        await page.GetByLabel("Your name").FillAsync("Dee Coordinator");
        await page.GetByLabel("Your email address").FillAsync("dee@acacia.example");
        await page.Locator("#Input_Attendees_0__Name").FillAsync("Asha Patel");
        await page.Locator("#Input_Attendees_0__Email").FillAsync("asha@acacia.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add another person" }).ClickAsync();
        await page.Locator("#Input_Attendees_1__Name").FillAsync("Ben Jones");
        await page.Locator("#Input_Attendees_1__Email").FillAsync("ben@acacia.example");
        await page.GetByLabel("I'm happy for the Hearts and Minds Partnership").CheckAsync();
        await page.AssertNoAxeViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/registered\\?key="));
        await Assertions.Expect(page.Locator("li", new() { HasText = "Asha Patel" })).ToContainTextAsync("Has a place");
        await Assertions.Expect(page.Locator("li", new() { HasText = "Ben Jones" })).ToContainTextAsync("On the waitlist");
        await page.AssertNoAxeViolationsAsync();

        // The confirmation email arrives over SMTP; its private link opens the manage page.
        var confirmation = await WaitForEmailAsync("dee@acacia.example", "Registration received");
        Assert.Contains("Ben Jones (ben@acacia.example): is on the waitlist", confirmation);
        var manageLink = new Uri(ManageLink().Match(confirmation).Value);
        await page.GotoAsync(manageLink.PathAndQuery);
        await page.AssertNoAxeViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel Asha Patel's place" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel Asha Patel's place" }).ClickAsync();
        await Assertions.Expect(page.Locator("li.person", new() { HasText = "Ben Jones" })).ToContainTextAsync("Has a place");

        // Ben is told, with the joining link he now may have, and his invitation; Asha's calendar entry is cancelled.
        var promotion = await WaitForEmailAsync("ben@acacia.example", "You now have a place");
        Assert.Contains("https://zoom.example/j/journey-secret", promotion);
        var benInvite = await WaitForEmailAsync("ben@acacia.example", "You now have a place", "text/calendar");
        Assert.Contains("METHOD:REQUEST", benInvite);
        Assert.Contains("LOCATION:https://zoom.example/j/journey-secret", benInvite);
        Assert.Contains("METHOD:CANCEL", await WaitForEmailAsync("asha@acacia.example", "Place cancelled", "text/calendar"));

        // The coordinator takes a private calendar link for their registrations.
        await page.GetByRole(AriaRole.Button, new() { Name = "Get our calendar link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Here is your private calendar link.");
        await page.AssertNoAxeViolationsAsync();
        var feedAddress = new Uri(await page.Locator("code.feed-url").InnerTextAsync());
        var feed = await page.APIRequest.GetAsync(feedAddress.PathAndQuery);
        Assert.Equal(200, feed.Status);
        var feedIcs = await feed.TextAsync();
        Assert.Contains("Ben Jones (has a place)", feedIcs.Replace("\r\n ", ""));
        Assert.DoesNotContain("journey-secret", feedIcs);

        // Staff see it all and take the spreadsheet.
        var staff = await browser.NewPageAsync(width: 1280, height: 900);
        await staff.GotoAsync($"/manage/events/{session.Id}/registrations");
        await staff.GetByLabel("Email address").FillAsync(CommunityAppFactory.AdminEmail);
        await staff.GetByLabel("Password").FillAsync(CommunityAppFactory.AdminPassword);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await staff.WaitForURLAsync(url => url.EndsWith($"/manage/events/{session.Id}/registrations"));
        await Assertions.Expect(staff.Locator("h2", new() { HasText = "With a place" })).ToContainTextAsync("(2)");
        await Assertions.Expect(staff.Locator("main")).ToContainTextAsync("Ben Jones");
        await staff.AssertNoAxeViolationsAsync();

        var download = await staff.RunAndWaitForDownloadAsync(() =>
            staff.GetByRole(AriaRole.Link, new() { Name = "Download as a spreadsheet (CSV)" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(rows, r => r.StartsWith("Has a place") && r.Contains("Ben Jones") && r.Contains("Acacia Family Support"));
        Assert.Contains(rows, r => r.StartsWith("Cancelled") && r.Contains("Asha Patel"));
    }

    /// <summary>A Conversation Space session with two places, one already taken by another service.</summary>
    private async Task<Event> NextSessionWithOnePlaceLeftAsync()
    {
        using var scope = browser.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        var series = new ConversationSpaceSeries
        {
            StartsOn = DateOnly.FromDateTime(DateTime.UtcNow),
            Capacity = 2,
            JoiningUrl = "https://zoom.example/j/journey-secret",
            MonthsAhead = 1,
        };
        db.ConversationSpaceSeries.Add(series);
        await db.SaveChangesAsync();
        var sessions = await scope.ServiceProvider.GetRequiredService<SeriesPlanner>().FillHorizonAsync(series.Id);
        var session = sessions.OrderBy(s => s.StartsAt).First();
        await scope.ServiceProvider.GetRequiredService<RegistrationDesk>().RegisterAsync(new RegistrationRequest(session.Id, Guid.NewGuid(),
            "Bluebell Care", "Bo", "bo@bluebell.example", [new("Bo Early", "bo@bluebell.example", "Lead", null, null)]));
        return session;
    }

    /// <summary>A part (the text, unless asked for another) of the first email to <paramref name="to"/> whose subject starts as given.</summary>
    private async Task<string> WaitForEmailAsync(string to, string subjectStart, string mediaType = "text/plain")
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var message in browser.Mail.Messages.Where(m => m.Recipients.Contains(to)))
            {
                var mime = MimeMessage.Load(new MemoryStream(Encoding.Latin1.GetBytes(message.Data)));
                if ((mime.Subject ?? "").StartsWith(subjectStart))
                    return mime.BodyParts.OfType<TextPart>().First(p => p.ContentType.MimeType == mediaType).Text;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No email to {to} starting '{subjectStart}' arrived.");
    }

    [GeneratedRegex(@"https?://\S+/registrations/[A-Za-z0-9_-]+")]
    private static partial Regex ManageLink();
}
