using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Newsletters.Manage;

/// <summary>/manage/newsletters/{id}/preview.txt: the plain-text version a signatory's mail app may show instead.</summary>
public sealed class PreviewTextModel(CommunityDb db, NewsletterPreview preview, IOptions<SiteOptions> site) : CommunityPageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.Newsletters.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken) is not { } newsletter) return NotFound();
        var message = NewsletterPreview.SampleCopy(await preview.RenderAsync(newsletter, cancellationToken), site.Value);
        Response.Headers.CacheControl = "no-store";
        return Content(message.TextBody, "text/plain; charset=utf-8");
    }
}
