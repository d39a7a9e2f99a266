using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// A signatory's private page, from the link in every email we send them: the newsletter and invitations on or off,
/// their details, "everything you hold about us", their badge, withdrawing, and (on its own page) erasing. Each form
/// posts, then redirects back here (POST-redirect-GET), so it all works without JavaScript.
/// </summary>
[PrivatePage]
public sealed class PreferencesModel(CommunityDb db, TimeProvider clock, IOptions<SiteOptions> site) : CommunityPageModel
{
    public Signatory Signatory { get; private set; } = null!;
    public string Token { get; private set; } = "";

    [BindProperty] public SignatoryForm Input { get; set; } = new();
    [BindProperty] public bool Newsletter { get; set; }
    [BindProperty] public bool Invitations { get; set; }

    [TempData] public string? Notice { get; set; }

    public string Snippet => CharterBadge.Snippet(site.Value.Url("/charter/badge.svg"), site.Value.Url(SiteLinks.CharterPath), CharterBadge.Alt(null));

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return NotFoundPage();
        Input = SignatoryForm.From(Signatory);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return NotFoundPage();
        var json = await SignatoryExport.JsonAsync(db, Signatory, cancellationToken);
        return File(json, "application/json", "hearts-and-minds-charter-everything-we-hold.json");
    }

    public async Task<IActionResult> OnPostSubscriptionsAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return NotFoundPage();
        if (Signatory.Status != SignatoryStatus.Confirmed) return SeeOther(Here());
        Signatory.WantsNewsletter = Newsletter;
        Signatory.WantsInvitations = Invitations;
        return await SavedAsync("Saved: " + (Newsletter, Invitations) switch
        {
            (true, true) => "you’ll get the newsletter and event invitations.",
            (true, false) => "you’ll get the newsletter, but no event invitations.",
            (false, true) => "you’ll get event invitations, but not the newsletter.",
            _ => "we won’t send you the newsletter or event invitations.",
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostDetailsAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return NotFoundPage();
        CharterFormRules.Validate(Input, ModelState, signing: false);
        if (ModelState.IsValid)
        {
            var key = Signatory.KeyOf(Input.Email!);
            if (key != Signatory.EmailKey && await db.Signatories.AnyAsync(s => s.EmailKey == key && s.Id != Signatory.Id, cancellationToken))
                ModelState.AddModelError("Input.Email", "Another signature of the Charter uses this email address. Use a different one, or write to us and we’ll sort it out.");
        }
        if (!ModelState.IsValid) return BadRequestPage();
        CharterFormRules.CopyTo(Input, Signatory);
        return await SavedAsync("Saved: your details are up to date.", cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return NotFoundPage();
        if (Signatory.Status == SignatoryStatus.Withdrawn) return SeeOther(Here());
        Signatory.Status = SignatoryStatus.Withdrawn;
        Signatory.WithdrawnAt = clock.GetUtcNow();
        Signatory.WantsNewsletter = false;
        Signatory.WantsInvitations = false;
        Signatory.ListedPublicly = false;
        return await SavedAsync("Withdrawn: your organisation is no longer a signatory of the Charter, and we won’t send you the newsletter or invitations.", cancellationToken);
    }

    private async Task<IActionResult> SavedAsync(string notice, CancellationToken cancellationToken)
    {
        Signatory.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        Notice = notice;
        return SeeOther(Here());
    }

    private string Here() => SiteLinks.CharterPreferencesPath(Token);

    private PageResult NotFoundPage() => PageWithStatus(StatusCodes.Status404NotFound);

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        var link = await CharterLinks.FindAsync(db, token, SignatoryLinkPurpose.Preferences, cancellationToken);
        if (link is null) return false;
        Signatory = link.Signatory;
        Token = token;
        return true;
    }
}
