using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Charter.Manage;

/// <summary>Confirmed signatories in each of the nine regions, all nine listed (a region with none is what staff look for).</summary>
public sealed record RegionCoverage(IReadOnlyList<(EnglishRegion Region, int Confirmed)> Regions)
{
    public int Most => Regions.Max(r => r.Confirmed);
    public int Total => Regions.Sum(r => r.Confirmed);

    /// <summary>The regions with the fewest confirmed signatories (several when they tie).</summary>
    public IReadOnlyList<EnglishRegion> Thinnest
    {
        get
        {
            var fewest = Regions.Min(r => r.Confirmed);
            return Regions.Where(r => r.Confirmed == fewest).Select(r => r.Region).ToList();
        }
    }

    public static async Task<RegionCoverage> LoadAsync(CommunityDb db, CancellationToken cancellationToken)
    {
        var counts = await db.Signatories.AsNoTracking().Where(s => s.Status == SignatoryStatus.Confirmed)
            .GroupBy(s => s.Region).Select(g => new { Region = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Region, g => g.Count, cancellationToken);
        return new RegionCoverage(EnglishRegions.All.Select(r => (r, counts.GetValueOrDefault(r))).ToList());
    }
}
