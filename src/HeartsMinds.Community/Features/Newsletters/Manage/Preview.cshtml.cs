using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace HeartsMinds.Community.Features.Newsletters.Manage;

/// <summary>
/// /manage/newsletters/{id}/preview: the email's HTML as a signatory gets it, for the editor's iframe. Email HTML is
/// styled inline, which the site's policy forbids, so this answer has its own: inline styles, no script at all, and
/// framed only by our own pages.
/// </summary>
public sealed class PreviewModel(NewsletterPreview preview) : CommunityPageModel
{
    public const string EmailContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await preview.SampleCopyAsync(id, cancellationToken) is not { } copy) return NotFound();
        Response.Headers.ContentSecurityPolicy = EmailContentSecurityPolicy;
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        Response.Headers.CacheControl = "no-store";
        return Content(copy.HtmlBody!, "text/html; charset=utf-8");
    }
}
