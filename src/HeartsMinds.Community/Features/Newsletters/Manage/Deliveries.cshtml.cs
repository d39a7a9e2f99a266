using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Newsletters.Manage;

/// <summary>
/// /manage/newsletters/{id}/deliveries: one row per recipient (sent at, attempts, last error), a page at a time,
/// filtered by status, with the button that gives the failed ones another go.
/// </summary>
public sealed class DeliveriesModel(CommunityDb db, NewsletterDesk desk) : CommunityPageModel
{
    public const int PageSize = 100;

    [TempData] public string? Notice { get; set; }

    public Newsletter Newsletter { get; private set; } = null!;
    public DeliveryStatus? Status { get; private set; }
    public int PageNumber { get; private set; }
    public int Pages { get; private set; }
    public IReadOnlyDictionary<DeliveryStatus, int> Counts { get; private set; } = new Dictionary<DeliveryStatus, int>();
    public IReadOnlyList<NewsletterDelivery> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, string? status, int page = 1, CancellationToken cancellationToken = default)
    {
        if (await db.Newsletters.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken) is not { } newsletter) return NotFound();
        Newsletter = newsletter;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<DeliveryStatus>(status, ignoreCase: false, out var chosen) || !Enum.IsDefined(chosen) || int.TryParse(status, out _))
                return BadRequest($"Show deliveries by one of: {string.Join(", ", Enum.GetNames<DeliveryStatus>())}, or leave the status out for all.");
            Status = chosen;
        }
        Counts = await db.NewsletterDeliveries.Where(d => d.NewsletterId == id).GroupBy(d => d.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var rows = db.NewsletterDeliveries.AsNoTracking().Where(d => d.NewsletterId == id);
        if (Status is { } only) rows = rows.Where(d => d.Status == only);
        var total = Status is { } s ? Counts.GetValueOrDefault(s) : Counts.Values.Sum();
        Pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(page, 1, Pages);
        Rows = await rows.OrderBy(d => d.OrganisationName).ThenBy(d => d.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        if (!await db.Newsletters.AnyAsync(n => n.Id == id, cancellationToken)) return NotFound();
        var retried = await desk.RetryFailedAsync(id, User.Identity?.Name ?? "", cancellationToken);
        Notice = retried == 0 ? "There were no failed deliveries to try again."
            : $"Trying {retried} failed {(retried == 1 ? "delivery" : "deliveries")} again now.";
        return SeeOther(NewsletterLinks.DeliveriesPath(id));
    }
}
