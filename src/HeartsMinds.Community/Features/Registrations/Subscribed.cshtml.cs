using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>The confirmation after registering for every session: each session, and each person's place there.
/// Like the single-event confirmation, it opens only by the form's random key and only for an hour.</summary>
[PrivatePage]
public sealed class SubscribedModel(CommunityDb db, IOptions<EverySessionOptions> everySession, TimeProvider clock) : PageModel
{
    public SeriesSubscription Subscription { get; private set; } = null!;
    public IReadOnlyList<SessionPlaces> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? key, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(key, out var submissionKey)) return NotFound();
        var now = clock.GetUtcNow();
        var since = now - RegisteredModel.OpenFor;
        var subscription = await db.SeriesSubscriptions.AsNoTracking()
            .Include(s => s.Series).Include(s => s.Members)
            .SingleOrDefaultAsync(s => s.SubmissionKey == submissionKey && s.CreatedAt >= since, cancellationToken);
        if (subscription is null) return NotFound();
        Subscription = subscription;
        Sessions = await SessionPlaces.ForAsync(db, subscription, everySession.Value.PlacesTakenBefore, now, cancellationToken);
        return Page();
    }
}
