using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>"Our community": the confirmed signatories that chose to be named, by region.</summary>
public sealed class CommunityModel(CommunityDb db) : PageModel
{
    public sealed record Listed(string Name, string? Website);

    public IReadOnlyList<(EnglishRegion Region, IReadOnlyList<Listed> Members)> Regions { get; private set; } = [];
    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var listed = await db.Signatories.AsNoTracking()
            .Where(s => s.Status == SignatoryStatus.Confirmed && s.ListedPublicly)
            .Select(s => new { s.Region, s.OrganisationName, s.Website }).ToListAsync(cancellationToken);
        Count = listed.Count;
        Regions = EnglishRegions.All
            .Select(r => (r, (IReadOnlyList<Listed>)listed.Where(s => s.Region == r)
                .OrderBy(s => s.OrganisationName, StringComparer.OrdinalIgnoreCase).Select(s => new Listed(s.OrganisationName, s.Website)).ToList()))
            .Where(g => g.Item2.Count > 0).ToList();
    }
}
