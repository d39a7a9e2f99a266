using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events.Manage;

/// <summary>One series: its pattern and its sessions, each of which can be changed or cancelled on its own.</summary>
public sealed class SeriesModel(CommunityDb db, IPlaceCounter counter, TimeProvider clock) : PageModel
{
    public const int PastShown = 12;

    public ConversationSpaceSeries Series { get; private set; } = null!;
    public IReadOnlyList<Event> Upcoming { get; private set; } = [];
    public IReadOnlyList<Event> Past { get; private set; } = [];
    public IReadOnlyDictionary<long, PlaceCounts> Counts { get; private set; } = new Dictionary<long, PlaceCounts>();
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var series = await db.ConversationSpaceSeries.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (series is null) return NotFound();
        Series = series;
        var now = clock.GetUtcNow();
        Upcoming = await db.Events.AsNoTracking().Where(e => e.SeriesId == id && e.EndsAt > now).OrderBy(e => e.StartsAt).ToListAsync(cancellationToken);
        Past = await db.Events.AsNoTracking().Where(e => e.SeriesId == id && e.EndsAt <= now).OrderByDescending(e => e.StartsAt).Take(PastShown).ToListAsync(cancellationToken);
        Counts = await counter.ForAsync([.. Upcoming, .. Past], cancellationToken);
        return Page();
    }
}
