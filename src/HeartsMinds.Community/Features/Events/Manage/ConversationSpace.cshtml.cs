using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events.Manage;

/// <summary>The Conversation Space series (usually just one), each with its next session.</summary>
public sealed class ConversationSpaceModel(CommunityDb db, IPlaceCounter counter, TimeProvider clock) : PageModel
{
    public sealed record SeriesRow(ConversationSpaceSeries Series, Event? Next, PlaceCounts? NextCounts, int Upcoming);

    public IReadOnlyList<SeriesRow> Series { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var series = await db.ConversationSpaceSeries.AsNoTracking().OrderByDescending(s => s.IsActive).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var ids = series.Select(s => s.Id).ToList();
        var upcoming = await db.Events.AsNoTracking()
            .Where(e => e.SeriesId != null && ids.Contains(e.SeriesId.Value) && e.StartsAt > now && e.Status != EventStatus.Cancelled)
            .OrderBy(e => e.StartsAt).ToListAsync(cancellationToken);
        var next = upcoming.GroupBy(e => e.SeriesId!.Value).ToDictionary(g => g.Key, g => g.First());
        var counts = await counter.ForAsync(next.Values.ToList(), cancellationToken);
        Series = series.Select(s =>
        {
            var n = next.GetValueOrDefault(s.Id);
            return new SeriesRow(s, n, n is null ? null : counts[n.Id], upcoming.Count(e => e.SeriesId == s.Id));
        }).ToList();
    }
}
