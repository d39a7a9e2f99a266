using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Charter.Manage;

/// <summary>
/// Who has signed the Charter: search by organisation, contact or email, filter by region and status, and the
/// confirmed signatories in each region, so staff see where the community is thin.
/// </summary>
public sealed class SignatoriesModel(CommunityDb db) : CommunityPageModel
{
    /// <summary>More than this and staff are asked to narrow the search (the CSV still has them all).</summary>
    public const int Shown = 200;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "region")] public string? RegionFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? StatusFilter { get; set; }

    public SignatorySearch? Search { get; private set; }
    public IReadOnlyList<Signatory> Matches { get; private set; } = [];
    public int MatchCount { get; private set; }
    public IReadOnlyDictionary<SignatoryStatus, int> ByStatus { get; private set; } = new Dictionary<SignatoryStatus, int>();
    public RegionCoverage Coverage { get; private set; } = null!;
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ByStatus = await db.Signatories.AsNoTracking().GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Coverage = await RegionCoverage.LoadAsync(db, cancellationToken);
        Search = SignatorySearch.Read(Query, RegionFilter, StatusFilter, ModelState);
        if (Search is null) return BadRequestPage();

        var query = Search.Apply(db);
        MatchCount = await query.CountAsync(cancellationToken);
        Matches = await query.Take(Shown).ToListAsync(cancellationToken);
        return Page();
    }

    public int Count(SignatoryStatus status) => ByStatus.GetValueOrDefault(status);
}
