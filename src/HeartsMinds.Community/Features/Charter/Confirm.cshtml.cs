using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// The link in the confirmation email. Following it confirms the signature and shows the thank-you page with the
/// badge; following it again later shows the thank-you page again. A link that is made up answers 404, one that
/// has expired (or belongs to a withdrawn signature) 410, each with a page that says what to do.
/// </summary>
[PrivatePage]
public sealed class ConfirmModel(CharterDesk desk, IOptions<SiteOptions> site) : CommunityPageModel
{
    public ConfirmOutcome Outcome { get; private set; }
    public Signatory? Signatory { get; private set; }
    public string? PreferencesToken { get; private set; }

    public string Snippet => CharterBadge.Snippet(site.Value.Url("/charter/badge.svg"), site.Value.Url(SiteLinks.CharterPath), CharterBadge.Alt(null));

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        (Outcome, Signatory, PreferencesToken) = await desk.ConfirmAsync(token, cancellationToken);
        return Outcome switch
        {
            ConfirmOutcome.NotFound => PageWithStatus(StatusCodes.Status404NotFound),
            ConfirmOutcome.Expired or ConfirmOutcome.Withdrawn => PageWithStatus(StatusCodes.Status410Gone),
            _ => Page(),
        };
    }
}
