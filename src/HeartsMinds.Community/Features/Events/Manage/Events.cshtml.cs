using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events.Manage;

/// <summary>Every upcoming event and Conversation Space session at a glance, then the most recent past ones.</summary>
public sealed class EventsModel(CommunityDb db, IPlaceCounter counter, TimeProvider clock) : PageModel
{
    /// <summary>Past events shown; older ones stay in the database but off this page.</summary>
    public const int PastShown = 50;

    public IReadOnlyList<Event> Upcoming { get; private set; } = [];
    public IReadOnlyList<Event> Past { get; private set; } = [];
    public IReadOnlyDictionary<long, PlaceCounts> Counts { get; private set; } = new Dictionary<long, PlaceCounts>();
    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Upcoming = await db.Events.AsNoTracking().Where(e => e.EndsAt > now).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        Past = await db.Events.AsNoTracking().Where(e => e.EndsAt <= now).OrderByDescending(e => e.StartsAt).Take(PastShown).ToListAsync(cancellationToken);
        Counts = await counter.ForAsync([.. Upcoming, .. Past], cancellationToken);
    }
}
