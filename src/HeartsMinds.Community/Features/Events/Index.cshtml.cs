using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events;

/// <summary>What's coming up: Conversation Space sessions and face-to-face events, in two lists.</summary>
public sealed class IndexModel(CommunityDb db, IPlaceCounter counter, TimeProvider clock) : PageModel
{
    /// <summary>Enough for a year of monthly sessions and the events around them.</summary>
    private const int MostShown = 60;

    public IReadOnlyList<EventListing> ConversationSpace { get; private set; } = [];
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
    }
}
