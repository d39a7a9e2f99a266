using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// "Lost your link?": enter an email address and the links to every registration it is on are emailed to it
/// (<see cref="LostLinks"/>). The answer is the same whether or not the address is known, so the page tells a
/// stranger nothing; public posts are rate-limited per client, and emails per address.
/// </summary>
public sealed class LostLinkModel(LostLinks lostLinks) : CommunityPageModel
{
    [BindProperty] public string? Email { get; set; }

    /// <summary>The address just asked for, to say where to look (only ever the asker's own typing).</summary>
    [TempData] public string? SentTo { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!FormRules.Email(ModelState, nameof(Email), Email, "Enter your email address", "Your email address"))
            return BadRequestPage();
        await lostLinks.SendAsync(Email!.Trim(), cancellationToken);
        SentTo = Email!.Trim();
        return SeeOther(Url.Page("/Registrations/LostLink")!);
    }
}
