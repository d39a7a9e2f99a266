using HeartsMinds.Community.BrowserTests.Infrastructure;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests;

/// <summary>
/// Someone on a 360px phone looking for the next date: it is on the first screen of the home page's cards and of
/// /conversation-space, and /events shows face-to-face events before the monthly series. axe on every page, at
/// phone and desktop widths.
/// </summary>
public sealed class FindingTheNextDateTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task On_a_phone_the_next_Conversation_Space_session_and_its_register_button_are_on_the_first_screen()
    {
        var session = await PlanAsync();
        var page = await browser.NewPageAsync(360, 740);

        await page.GotoAsync("/conversation-space");

        var register = page.Locator(".next-event").GetByRole(AriaRole.Link, new() { NameRegex = new("^Register for Conversation Space") });
        await Assertions.Expect(register).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator(".next-event")).ToContainTextAsync(EventTime.Day(session.StartsAt, session.TimeZoneId));
        await Assertions.Expect(page.Locator("nav.site-nav a[aria-current]")).ToHaveTextAsync("Conversation Space");
        await register.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/events/{session.Id}/register$"));
        await Assertions.Expect(page.Locator("nav.site-nav a[aria-current]")).ToHaveTextAsync("Conversation Space");
    }

    [Fact]
    public async Task On_a_phone_the_events_page_shows_a_face_to_face_event_before_the_monthly_series()
    {
        await PlanAsync();
        var page = await browser.NewPageAsync(360, 740);

        await page.GotoAsync("/events");

        var faceToFace = await page.Locator("#face-to-face ~ .event-list .card__title").First.BoundingBoxAsync();
        var series = await page.Locator("#conversation-space").BoundingBoxAsync();
        Assert.True(faceToFace!.Y < series!.Y, "The face-to-face event comes before the Conversation Space block");
        Assert.True(faceToFace.Y < 1200, $"The first face-to-face event is {faceToFace.Y}px down a 740px phone screen");
        await Assertions.Expect(page.Locator("section[aria-labelledby=conversation-space] article")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("nav.site-nav a[aria-current=page]")).ToHaveTextAsync("Events");
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task Home_Conversation_Space_and_events_have_no_accessibility_violations_and_fit_the_screen(int width)
    {
        await PlanAsync();
        var page = await browser.NewPageAsync(width);
        var errorsBefore = browser.ConsoleErrors.Count;

        foreach (var url in new[] { "/", "/conversation-space", "/events" })
        {
            await page.GotoAsync(url);
            await page.AssertNoAxeViolationsAsync();
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{url} is {scrollWidth}px wide on a {width}px screen");
        }
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".coming-up .next-event")).ToHaveCountAsync(2);
        Assert.Empty(browser.ConsoleErrors.Skip(errorsBefore));
    }

    /// <summary>A series with its sessions planned and one face-to-face event, once for the class; the next session.</summary>
    private async Task<Event> PlanAsync()
    {
        using var scope = browser.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        var series = await db.ConversationSpaceSeries.FirstOrDefaultAsync();
        if (series is null)
        {
            series = new ConversationSpaceSeries { StartsOn = DateOnly.FromDateTime(DateTime.UtcNow), Capacity = 30, MonthsAhead = 12 };
            db.ConversationSpaceSeries.Add(series);
            var start = DateTimeOffset.UtcNow.AddDays(60);
            db.Events.Add(new Event
            {
                Kind = EventKind.InPerson, Status = EventStatus.Published, Title = "Community day in Nottingham",
                StartsAt = start, EndsAt = start.AddHours(5), Capacity = 40,
                VenueName = "Nottingham Council House", VenueAddress = "Old Market Square, Nottingham", VenuePostcode = "NG1 2DT",
            });
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<SeriesPlanner>().FillHorizonAsync(series.Id);
        }
        var now = DateTimeOffset.UtcNow;
        return await db.Events.AsNoTracking().Where(e => e.SeriesId == series.Id && e.StartsAt > now).OrderBy(e => e.StartsAt).FirstAsync();
    }
}
