using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>/newsletters/{id}: one newsletter as it was sent (the "view in your browser" link); 404 until it starts.</summary>
public sealed class DetailsModel(CommunityDb db) : PageModel
{
    public Newsletter Newsletter { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.Newsletters.AsNoTracking().Where(IndexModel.Archived).SingleOrDefaultAsync(n => n.Id == id, cancellationToken) is not { } newsletter)
            return NotFound();
        Newsletter = newsletter;
        return Page();
    }
}
