using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Tests.Infrastructure;

namespace HeartsMinds.Community.Tests.Charter;

/// <summary>Its own database (a class fixture), so the counts are this test's alone.</summary>
public sealed class RegionCoverageTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task The_chart_counts_confirmed_signatories_in_each_of_the_nine_regions_zeros_included()
    {
        var client = await app.SignedInAdminAsync();
        await app.SignatoryAsync("London One", "one@london.example", EnglishRegion.London);
        await app.SignatoryAsync("London Two", "two@london.example", EnglishRegion.London);
        await app.SignatoryAsync("Leeds", "hello@leeds.example", EnglishRegion.YorkshireAndTheHumber);
        await app.SignatoryAsync("Not yet", "pending@london.example", EnglishRegion.London, SignatoryStatus.Pending);
        await app.SignatoryAsync("Gone", "gone@leeds.example", EnglishRegion.YorkshireAndTheHumber, SignatoryStatus.Withdrawn);

        var response = await client.GetAsync("/manage/charter");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var counts = Regex.Matches(html, "<td class=\"table__num\" data-region=\"(\\w+)\">(\\d+)</td>")
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
        Assert.Equal(EnglishRegions.All.Select(r => r.ToString()), counts.Keys);
        Assert.Equal(2, counts["London"]);
        Assert.Equal(1, counts["YorkshireAndTheHumber"]);
        Assert.Equal(0, counts["NorthEast"]);
        Assert.Equal(3, counts.Values.Sum());

        // Bars scale to the largest region; widths are SVG attributes, never styles (strict CSP).
        Assert.Equal(9, Regex.Matches(html, "<rect class=\"chart__bar\"").Count);
        Assert.Contains("<rect class=\"chart__bar\" x=\"0\" y=\"0\" width=\"100\" height=\"10\" />", html);
        Assert.Contains("<rect class=\"chart__bar\" x=\"0\" y=\"0\" width=\"50\" height=\"10\" />", html);
        Assert.DoesNotContain("style=", html);

        var text = await response.TextAsync();
        Assert.Contains("3 confirmed signatories across England.", text);
        Assert.Contains("Thinnest: North East, North West, East Midlands, West Midlands, East of England, South East, South West (0).", text);
    }
}
