using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events;

/// <summary>Events that have taken place, most recent first. Cancelled ones are left out: they didn't happen.</summary>
public sealed class PastModel(CommunityDb db, TimeProvider clock) : PageModel
{
    public const int MostShown = 50;

    public IReadOnlyList<Event> Events { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Events = await db.Events.AsNoTracking()
            .Where(e => e.Status == EventStatus.Published && e.EndsAt <= now)
            .OrderByDescending(e => e.StartsAt)
            .Take(MostShown)
            .ToListAsync(cancellationToken);
    }
}
