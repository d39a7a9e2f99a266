using System.Text.RegularExpressions;
using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Tests.Calendar;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests;

/// <summary>
/// "Register for every session" on a phone, then the subscription's private page and dropping one session;
/// and the other public pages at phone and desktop widths. axe checks each page.
/// </summary>
public sealed partial class PublicEverySessionJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_registers_a_colleague_for_every_session_then_drops_one_session()
    {
        var sessions = await SeriesSessionsAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/conversation-space");
        await page.GetByRole(AriaRole.Link, new() { Name = "Register for every session" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Register for every Conversation Space session");
        await CheckPageAsync(page);
        await page.GetByLabel("Name of your organisation").FillAsync("Acacia Family Support");
        await page.GetByLabel("Your name").FillAsync("Nia Coordinator");
        await page.GetByLabel("Your email address").FillAsync("nia@acacia.example");
        await page.Locator("#Input_Attendees_0__Name").FillAsync("Priya Shah");
        await page.Locator("#Input_Attendees_0__Email").FillAsync("priya@acacia.example");
        await page.GetByLabel("I'm happy for the Hearts and Minds Partnership").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register for every session" }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/conversation-space/registered\\?key="));
        var due = sessions.Where(s => s.StartsAt <= DateTimeOffset.UtcNow.AddDays(35)).ToList();
        await Assertions.Expect(page.GetByText("Priya Shah: Has a place")).ToHaveCountAsync(due.Count);
        await Assertions.Expect(page.Locator("[aria-labelledby=later-sessions] li")).ToHaveCountAsync(sessions.Count - due.Count);
        await CheckPageAsync(page);

        // Priya's inbox: one email, with one recurring invitation that ical.js expands to the series' sessions.
        var welcome = await InboxAsync("priya@acacia.example", count: 1);
        var invitation = welcome[0].BodyParts.OfType<MimeKit.TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");
        Assert.Equal("REQUEST", invitation.ContentType.Parameters["method"]);
        var starts = ExternalParsers.IcalJs(invitation.Text, sessions.Count).GetProperty("occurrences").EnumerateArray()
            .Select(o => DateTimeOffset.Parse(o.GetProperty("start").GetString()!)).ToList();
        Assert.Equal(sessions.Select(s => s.StartsAt), starts);

        var token = await ManageTokenAsync("nia@acacia.example");
        await page.GotoAsync($"/registrations/{token}");
        await CheckPageAsync(page);
        var first = sessions[0];
        await page.Locator($"a[href$='/cancel?session={first.Id}']").ClickAsync();
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Yes, cancel places for") }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/registrations/{token}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Everyone is still registered for the other sessions");
        await Assertions.Expect(page.GetByText("Priya Shah: Not coming (cancelled)")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByText("Priya Shah: Has a place")).ToHaveCountAsync(due.Count - 1);
        await CheckPageAsync(page);

        // One more email for Priya: the update that takes that session out of her calendar.
        var update = (await InboxAsync("priya@acacia.example", count: 2))[1];
        Assert.StartsWith("Place freed:", update.Subject);
    }

    /// <summary>The messages that reached <paramref name="address"/> through real SMTP, once there are <paramref name="count"/> (and no more).</summary>
    private async Task<IReadOnlyList<MimeKit.MimeMessage>> InboxAsync(string address, int count)
    {
        for (var waited = 0; waited < 200 && Received(address).Count < count; waited++) await Task.Delay(100);
        await Task.Delay(300); // a little longer, so a message too many would have arrived too
        var messages = Received(address);
        Assert.Equal(count, messages.Count);
        return messages;
    }

    private List<MimeKit.MimeMessage> Received(string address) => browser.Mail.Messages
        .Where(m => m.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase))
        .Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))
        .OrderBy(m => m.Date).ToList();

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task The_public_event_pages_pass_axe_and_fit_the_screen(int width)
    {
        var sessions = await SeriesSessionsAsync();
        var (inPerson, cancelled) = await FaceToFaceEventsAsync();
        var page = await browser.NewPageAsync(width);

        foreach (var url in new[] { "/events", "/events/past", $"/events/{sessions[0].Id}", $"/events/{inPerson.Id}", $"/events/{cancelled.Id}",
                     $"/events/{inPerson.Id}/register", "/conversation-space", "/registrations/not-a-real-link" })
        {
            await page.GotoAsync(url);
            await CheckPageAsync(page, width);
        }
    }

    private static async Task CheckPageAsync(IPage page, int width = 360)
    {
        await page.AssertNoAxeViolationsAsync();
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth}px wide on a {width}px screen");
    }

    private async Task<IReadOnlyList<Event>> SeriesSessionsAsync()
    {
        using var scope = browser.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        var series = await db.ConversationSpaceSeries.FirstOrDefaultAsync();
        if (series is null)
        {
            series = new ConversationSpaceSeries { StartsOn = DateOnly.FromDateTime(DateTime.UtcNow), JoiningUrl = "https://zoom.example/j/every", MonthsAhead = 3 };
            db.ConversationSpaceSeries.Add(series);
            await db.SaveChangesAsync();
        }
        await scope.ServiceProvider.GetRequiredService<SeriesPlanner>().FillHorizonAsync(series.Id);
        var now = DateTimeOffset.UtcNow;
        return await db.Events.Where(e => e.SeriesId == series.Id && e.StartsAt > now).OrderBy(e => e.StartsAt).ToListAsync();
    }

    private Task<(Event InPerson, Event Cancelled)> FaceToFaceEventsAsync() => browser.App.WithDbAsync(async db =>
    {
        var start = DateTimeOffset.UtcNow.AddDays(30);
        Event Make(string title, EventStatus status) => new()
        {
            Kind = EventKind.InPerson, Status = status, Title = title, Description = "A day to **share learning**.",
            StartsAt = start, EndsAt = start.AddHours(5), Capacity = 40, AsksDietaryNeeds = true,
            VenueName = "The Community Hall", VenueAddress = "1 High Street\nBirmingham", VenuePostcode = "B1 1AA",
            MapUrl = "https://maps.example/hall", AccessibilityInfo = "Step-free entrance.", ArrivalNotes = "Use the main door.",
            CancellationReason = status == EventStatus.Cancelled ? "The venue is closed for repairs." : null,
        };
        var inPerson = Make("Community day in Birmingham", EventStatus.Published);
        var cancelled = Make("Networking morning in Leeds", EventStatus.Cancelled);
        var past = Make("Last year's get-together", EventStatus.Published);
        past.StartsAt = DateTimeOffset.UtcNow.AddDays(-60);
        past.EndsAt = past.StartsAt.AddHours(3);
        db.Events.AddRange(inPerson, cancelled, past);
        await db.SaveChangesAsync();
        return (inPerson, cancelled);
    });

    private async Task<string> ManageTokenAsync(string contactEmail)
    {
        var body = await browser.App.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == contactEmail && m.Purpose == "series-subscription")
            .OrderByDescending(m => m.Id).Select(m => m.TextBody).FirstAsync());
        return ManageLink().Match(body).Groups[1].Value;
    }

    [GeneratedRegex(@"/registrations/([A-Za-z0-9_-]{43})")]
    private static partial Regex ManageLink();
}
