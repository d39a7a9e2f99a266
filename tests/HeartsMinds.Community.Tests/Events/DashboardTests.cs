using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Tests.Infrastructure;

namespace HeartsMinds.Community.Tests.Events;

public sealed class DashboardTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task The_staff_home_shows_the_next_events_with_their_places_and_this_weeks_registrations()
    {
        var client = await app.SignedInAdminAsync();
        var soon = await app.CreateAsync(capacity: 12, startsAt: DateTimeOffset.UtcNow.AddDays(3), change: e => e.Title = "Manchester meet-up");
        var later = await app.CreateAsync(capacity: 30, kind: EventKind.ConversationSpace, startsAt: DateTimeOffset.UtcNow.AddDays(9));
        await app.CreateAsync(status: EventStatus.Draft, startsAt: DateTimeOffset.UtcNow.AddDays(1), change: e => e.Title = "Unfinished draft");
        await app.RegisterAsync(TestEvents.Request(soon.Id, "Acacia", "a1@acacia.example", "a2@acacia.example", "a3@acacia.example"));
        await app.RegisterAsync(TestEvents.Request(later.Id, "Bluebell", "b1@bluebell.example"));

        var response = await client.GetAsync("/manage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.VisibleTextAsync();
        Assert.Contains("Manchester meet-up In person", text);
        Assert.Contains("3 of 12 places taken, 9 left", text);
        Assert.Contains("1 of 30 places taken, 29 left", text);
        Assert.DoesNotContain("Unfinished draft", text);
        Assert.True(text.IndexOf("Manchester meet-up", StringComparison.Ordinal) < text.IndexOf("Conversation Space Online", StringComparison.Ordinal), "soonest first");
        Assert.Contains("4 people registered since", text);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("<svg[^>]*role=\"img\"[^>]*aria-labelledby=\"chart-title chart-desc\"", html);
        Assert.Contains("<title id=\"chart-title\">People registered each week</title>", html);
        Assert.Equal(12, Regex.Matches(html, "<rect class=\"chart__bar\"").Count);
        Assert.DoesNotContain("style=", html);
        // This week, in the table of numbers: Monday's date, then 4.
        var monday = ManageTesting.UkToday.AddDays(-(((int)ManageTesting.UkToday.DayOfWeek + 6) % 7));
        Assert.Contains($"Monday {monday.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))} 4", text);
    }
}
