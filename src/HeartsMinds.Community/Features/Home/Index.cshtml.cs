using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.Home;

/// <summary>The front door: what the community is, and the next date of each kind, to register for straight away.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = HeartsMinds.Community.Platform.Web.PublicPageCache.ListPolicy)]
public sealed class IndexModel(CommunityDb db, IPlaceCounter counter, TimeProvider clock) : PageModel
{
    public EventListing? NextConversationSpace { get; private set; }
    public EventListing? NextFaceToFace { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var visible = db.Events.Visible();
        NextConversationSpace = await EventListing.NextAsync(counter, visible.Where(e => e.Kind == EventKind.ConversationSpace), now, cancellationToken);
        NextFaceToFace = await EventListing.NextAsync(counter, visible.Where(e => e.Kind == EventKind.InPerson), now, cancellationToken);
    }
}
