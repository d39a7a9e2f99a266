using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>"Erase our data", asked once more: the POST deletes the signatory (its links and invitations go with it).</summary>
[PrivatePage]
public sealed class EraseModel(CommunityDb db) : CommunityPageModel
{
    public Signatory? Signatory { get; private set; }
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ? Page() : PageWithStatus(StatusCodes.Status404NotFound);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return PageWithStatus(StatusCodes.Status404NotFound);
        db.Signatories.Remove(Signatory!);
        await db.SaveChangesAsync(cancellationToken);
        return SeeOther(Url.Page("/Charter/Erased")!);
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        Signatory = (await CharterLinks.FindAsync(db, token, SignatoryLinkPurpose.Preferences, cancellationToken))?.Signatory;
        Token = token;
        return Signatory is not null;
    }
}
