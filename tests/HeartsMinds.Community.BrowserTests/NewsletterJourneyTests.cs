using System.Globalization;
using System.Text.RegularExpressions;
using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests;

/// <summary>The newsletter's app: a clock that can be moved on (so "a minute ahead" comes at once), and a start job that looks every two seconds.</summary>
public sealed class NewsletterBrowserFixture : BrowserFixture
{
    public MovableClock Clock { get; } = new();

    protected override void Configure(CommunityAppFactory app) =>
        app.WithClock(Clock)
            .WithSetting("Newsletters:StartSchedule", "0/2 * * * * ?")
            .WithSetting("Newsletters:PollInterval", "00:00:01");
}

/// <summary>Real time plus an offset that a test can move forward.</summary>
public sealed class MovableClock : TimeProvider
{
    private long _offsetTicks;
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));
    public void MoveOn(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>
/// The whole round, as staff on a laptop under the site's own CSP: write a newsletter with the upcoming-events block,
/// watch the preview, send a test, schedule it a minute ahead, see the progress bar fill; then every opted-in
/// signatory's inbox (the SMTP sink) holds one copy with working unsubscribe headers, and nobody else gets one.
/// </summary>
public sealed class NewsletterJourneyTests(NewsletterBrowserFixture browser) : IClassFixture<NewsletterBrowserFixture>
{
    private static readonly string[] OptedIn = ["alice@north.example", "bob@south.example", "cara@east.example"];
    private const string OptedOut = "dan@west.example";
    private const string Unconfirmed = "eve@pending.example";

    [Fact]
    public async Task Staff_compose_preview_test_and_schedule_a_newsletter_and_every_opted_in_signatory_gets_one_copy()
    {
        foreach (var email in OptedIn) await SignatoryAsync(email, SignatoryStatus.Confirmed, wantsNewsletter: true);
        await SignatoryAsync(OptedOut, SignatoryStatus.Confirmed, wantsNewsletter: false);
        await SignatoryAsync(Unconfirmed, SignatoryStatus.Pending, wantsNewsletter: true);
        await EventAsync("Winter gathering in Leeds");

        var page = await browser.NewStrictCspPageAsync(1280, 900);
        var errorsBefore = browser.ConsoleErrors.Count;
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(CommunityAppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(CommunityAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/manage");

        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Newsletters", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Newsletters");
        await page.AssertNoAxeViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Write a newsletter" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Untitled newsletter");

        // Compose: each change is saved as it is typed, and the preview (the email itself, in a frame) follows.
        await page.GetByLabel("Subject").FillAsync("Winter news from Hearts and Minds");
        await page.GetByLabel("Preview line (optional)").FillAsync("New dates, and what you shared");
        var body = page.GetByLabel("The newsletter");
        await body.FillAsync("Hello everyone,\n\nThank you for a **wonderful** year. Here is what is coming up:\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Insert upcoming events" }).ClickAsync();
        await Assertions.Expect(body).ToHaveValueAsync(new Regex(@"\n\{\{upcoming-events\}\}\n"));
        var preview = page.FrameLocator("iframe[title='Preview of the email']");
        await Assertions.Expect(preview.Locator("body")).ToContainTextAsync("Winter gathering in Leeds", new() { Timeout = 15_000 });
        await Assertions.Expect(preview.Locator("strong", new() { HasText = "wonderful" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Saved");
        await page.Locator("summary", new() { HasText = "Plain-text version" }).ClickAsync();
        await Assertions.Expect(page.Locator(".newsletter-preview__text")).ToContainTextAsync("Winter gathering in Leeds");
        await page.AssertNoAxeViolationsAsync();

        // A test, to staff only, marked as one.
        await Assertions.Expect(page.GetByLabel(new Regex(Regex.Escape(CommunityAppFactory.AdminEmail)))).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the test" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("The test is on its way");
        // (The signatories also get the Charter's invitation to the new event: only newsletters count here.)
        var test = Assert.Single(await NewslettersAsync("[Test] Winter news from Hearts and Minds", 1));
        Assert.Equal([CommunityAppFactory.AdminEmail], test.Recipients);

        // Scheduled a minute ahead, in UK time; then the minute comes (the clock moves on) and the page follows the send.
        var inAMinute = TimeZoneInfo.ConvertTime(browser.Clock.GetUtcNow().AddMinutes(1), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        await page.GetByLabel("Date and time (UK time)").FillAsync(inAMinute.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule it" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Scheduled: it will start sending on");
        await Assertions.Expect(page.Locator(".page-header__caption")).ToContainTextAsync("Scheduled for");
        await page.AssertNoAxeViolationsAsync();
        browser.Clock.MoveOn(TimeSpan.FromMinutes(2));

        var bar = page.Locator("#progress-bar");
        await Assertions.Expect(bar).ToHaveAttributeAsync("max", "3", new() { Timeout = 30_000 });
        await Assertions.Expect(bar).ToHaveAttributeAsync("value", "3", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#progress [role=status]")).ToContainTextAsync("Finished");
        await Assertions.Expect(page.Locator("[data-count=sent]")).ToHaveTextAsync("3");
        await page.AssertNoAxeViolationsAsync();

        // One copy each for those who want it, none for the others, each with its own working unsubscribe headers.
        var copies = await NewslettersAsync("Winter news from Hearts and Minds", OptedIn.Length);
        await Task.Delay(1_000);
        Assert.Equal(copies.Count, (await NewslettersAsync("Winter news from Hearts and Minds", OptedIn.Length)).Count);
        Assert.Equal(OptedIn.Order(), copies.SelectMany(c => c.Recipients).Order());
        foreach (var copy in copies)
        {
            Assert.Equal("List-Unsubscribe=One-Click", copy.Header("List-Unsubscribe-Post"));
            var links = Regex.Matches(copy.Header("List-Unsubscribe")!, "<([^>]+)>").Select(m => m.Groups[1].Value).ToList();
            Assert.Contains(links, l => l.StartsWith("mailto:", StringComparison.Ordinal));
            Assert.Contains(links, l => l.StartsWith("https://", StringComparison.Ordinal));
        }
        var alice = copies.Single(c => c.Recipients.Contains(OptedIn[0]));
        var oneClick = new Uri(Regex.Matches(alice.Header("List-Unsubscribe")!, "<(https://[^>]+)>")[0].Groups[1].Value);
        using var mailApp = new HttpClient { BaseAddress = browser.BaseUrl };
        var answer = await mailApp.PostAsync(oneClick.AbsolutePath, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.True(answer.IsSuccessStatusCode, $"one-click unsubscribe answered {answer.StatusCode}");
        Assert.False(await browser.App.WithDbAsync(db => db.Signatories.Where(s => s.Email == OptedIn[0]).Select(s => s.WantsNewsletter).SingleAsync()));

        await page.GetByRole(AriaRole.Link, new() { Name = "Delivery report" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Deliveries" })).ToContainTextAsync("bob@south.example");
        await page.AssertNoAxeViolationsAsync();
        await page.GotoAsync("/newsletters");
        await page.GetByRole(AriaRole.Link, new() { Name = "Winter news from Hearts and Minds" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Winter news from Hearts and Minds");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Winter gathering in Leeds");
        await page.AssertNoAxeViolationsAsync();

        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.cspViolations"));
        Assert.Empty(browser.ConsoleErrors.Skip(errorsBefore));
    }

    /// <summary>The messages with this subject, once there are at least <paramref name="count"/> (or 15 seconds have passed).</summary>
    private async Task<List<SmtpSink.ReceivedMessage>> NewslettersAsync(string subject, int count)
    {
        for (var waited = 0; ; waited += 100)
        {
            var found = browser.Mail.Messages.Where(m => m.Header("Subject") == subject).ToList();
            if (found.Count >= count || waited >= 15_000) return found;
            await Task.Delay(100);
        }
    }

    private Task<int> EventAsync(string title) =>
        browser.App.WithDbAsync(db =>
        {
            var start = DateTimeOffset.UtcNow.AddDays(20);
            db.Events.Add(new Event
            {
                Kind = EventKind.InPerson, Status = EventStatus.Published, Title = title, Description = "A day together.",
                StartsAt = start, EndsAt = start.AddHours(5), Capacity = 40, VenueName = "The Corn Exchange",
                VenueAddress = "Call Lane, Leeds", VenuePostcode = "LS1 7BR",
            });
            return db.SaveChangesAsync();
        });

    private Task<int> SignatoryAsync(string email, SignatoryStatus status, bool wantsNewsletter) =>
        browser.App.WithDbAsync(db =>
        {
            db.Signatories.Add(new Signatory
            {
                OrganisationName = $"Group of {email.Split('@')[0]}", ContactName = "Sam Contact", Email = email, EmailKey = Signatory.KeyOf(email),
                Region = EnglishRegion.London, Status = status, WantsNewsletter = wantsNewsletter,
                ConfirmedAt = status == SignatoryStatus.Confirmed ? DateTimeOffset.UtcNow.AddDays(-1) : null,
            });
            return db.SaveChangesAsync();
        });
}
