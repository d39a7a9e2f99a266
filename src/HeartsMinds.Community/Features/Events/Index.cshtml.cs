using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events;

/// <summary>
/// What's coming up: face-to-face events first (there are few, and they are easy to miss below a year of monthly
/// sessions), then the Conversation Space series as one block: its next session, and the dates after it in brief.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = HeartsMinds.Community.Platform.Web.PublicPageCache.ListPolicy)]
public sealed class IndexModel(CommunityDb db, IPlaceCounter counter, TimeProvider clock) : PageModel
{
    /// <summary>Enough for a year of monthly sessions and the events around them.</summary>
    private const int MostShown = 60;

    public IReadOnlyList<EventListing> ConversationSpace { get; private set; } = [];

    /// <summary>The Conversation Space session shown as a card: the next one still to start and not cancelled.</summary>
    public EventListing? NextSession { get; private set; }

    /// <summary>The other sessions, in date order, for the short list under the card.</summary>
    public IReadOnlyList<EventListing> OtherSessions => ConversationSpace.Where(l => l != NextSession).ToList();
    public IReadOnlyList<EventListing> FaceToFace { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var events = await db.Events.AsNoTracking().Visible()
            .Where(e => e.EndsAt > now)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            .Take(MostShown)
            .ToListAsync(cancellationToken);
        var listings = await EventListing.ForAsync(counter, events, now, cancellationToken);
        ConversationSpace = listings.Where(l => l.Event.Kind == EventKind.ConversationSpace).ToList();
        FaceToFace = listings.Where(l => l.Event.Kind == EventKind.InPerson).ToList();
        NextSession = ConversationSpace.FirstOrDefault(l => l.Event.Status == EventStatus.Published && l.Event.StartsAt > now)
                      ?? ConversationSpace.FirstOrDefault();
    }
}
