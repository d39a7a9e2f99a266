using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace HeartsMinds.Community.Features.Newsletters.Manage;

/// <summary>/manage/newsletters/{id}/preview.txt: the plain-text version a signatory's mail app may show instead.</summary>
public sealed class PreviewTextModel(NewsletterPreview preview) : CommunityPageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await preview.SampleCopyAsync(id, cancellationToken) is not { } copy) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return Content(copy.TextBody, "text/plain; charset=utf-8");
    }
}
