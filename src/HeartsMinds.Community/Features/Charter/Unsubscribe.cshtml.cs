using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// The unsubscribe link in a newsletter, opened in a browser: one button turns the newsletter off (with
/// antiforgery, as every form). Mail apps' one-click POST to the same address is answered by
/// <see cref="CharterEndpoints"/>; this page's button posts to .../confirm so the two never meet.
/// </summary>
[PrivatePage]
public sealed class UnsubscribeModel(CommunityDb db, TimeProvider clock) : CommunityPageModel
{
    public Signatory? Signatory { get; private set; }
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ? Page() : PageWithStatus(StatusCodes.Status404NotFound);

    public async Task<IActionResult> OnPostConfirmAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return PageWithStatus(StatusCodes.Status404NotFound);
        Signatory!.WantsNewsletter = false;
        Signatory.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return SeeOther(SiteLinks.CharterUnsubscribePath(token));
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        Signatory = (await CharterLinks.FindAsync(db, token, SignatoryLinkPurpose.Preferences, cancellationToken))?.Signatory;
        Token = token;
        return Signatory is not null;
    }
}
