using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events;

/// <summary>What the Conversation Space is, when it meets, its next sessions, and the way to register for all of them.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = HeartsMinds.Community.Platform.Web.PublicPageCache.ListPolicy)]
public sealed class ConversationSpaceModel(CommunityDb db, IPlaceCounter counter, TimeProvider clock) : PageModel
{
    private const int SessionsShown = 12;

    public ConversationSpaceSeries? Series { get; private set; }
    public IReadOnlyList<EventListing> Sessions { get; private set; } = [];

    /// <summary>The next session still to start and not cancelled: shown first, with its register button.</summary>
    public EventListing? Next { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Series = await CurrentSeriesAsync(db, cancellationToken);
        if (Series is null) return;
        var now = clock.GetUtcNow();
        var sessions = await db.Events.AsNoTracking().Visible()
            .Where(e => e.SeriesId == Series.Id && e.EndsAt > now)
            .OrderBy(e => e.StartsAt).Take(SessionsShown)
            .ToListAsync(cancellationToken);
        Sessions = await EventListing.ForAsync(counter, sessions, now, cancellationToken);
        Next = Sessions.FirstOrDefault(l => l.Event.Status == EventStatus.Published && l.Event.StartsAt > now);
    }

    /// <summary>The series people register for at /conversation-space/register: the first active one.</summary>
    public static Task<ConversationSpaceSeries?> CurrentSeriesAsync(CommunityDb db, CancellationToken cancellationToken) =>
        db.ConversationSpaceSeries.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
}
