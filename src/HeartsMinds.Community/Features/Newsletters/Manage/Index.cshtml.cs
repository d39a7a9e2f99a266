using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Newsletters.Manage;

/// <summary>/manage/newsletters: every newsletter, newest first, and the button to write a new one.</summary>
public sealed class IndexModel(CommunityDb db, NewsletterDesk desk) : CommunityPageModel
{
    public sealed record Row(Newsletter Newsletter, int Sent, int Failed);

    [TempData] public string? Notice { get; set; }

    public IReadOnlyList<Row> Newsletters { get; private set; } = [];
    public int Audience { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var newsletters = await db.Newsletters.AsNoTracking().OrderByDescending(n => n.Id).ToListAsync(cancellationToken);
        var counts = await db.NewsletterDeliveries.GroupBy(d => new { d.NewsletterId, d.Status })
            .Select(g => new { g.Key.NewsletterId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(long id, DeliveryStatus status) => counts.FirstOrDefault(c => c.NewsletterId == id && c.Status == status)?.Count ?? 0;
        Newsletters = newsletters.Select(n => new Row(n, Count(n.Id, DeliveryStatus.Sent), Count(n.Id, DeliveryStatus.Failed))).ToList();
        Audience = await desk.AudienceCountAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = await desk.CreateDraftAsync(User.Identity?.Name ?? "", cancellationToken);
        return SeeOther(NewsletterLinks.ManagePath(id));
    }
}
