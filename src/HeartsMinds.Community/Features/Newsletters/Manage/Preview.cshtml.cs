using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Newsletters.Manage;

/// <summary>
/// /manage/newsletters/{id}/preview: the email's HTML as a signatory gets it, for the editor's iframe. Email HTML is
/// styled inline, which the site's policy forbids, so this answer has its own: inline styles, no script at all, and
/// framed only by our own pages.
/// </summary>
public sealed class PreviewModel(CommunityDb db, NewsletterPreview preview, IOptions<SiteOptions> site) : CommunityPageModel
{
    public const string EmailContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.Newsletters.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken) is not { } newsletter) return NotFound();
        var message = NewsletterPreview.SampleCopy(await preview.RenderAsync(newsletter, cancellationToken), site.Value);
        Response.Headers.ContentSecurityPolicy = EmailContentSecurityPolicy;
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        Response.Headers.CacheControl = "no-store";
        return Content(message.HtmlBody!, "text/html; charset=utf-8");
    }
}
