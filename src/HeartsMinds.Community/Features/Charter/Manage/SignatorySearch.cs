using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Charter.Manage;

/// <summary>
/// The signatories list's search and filters, from the address (?q=&amp;region=&amp;status=), shared by the page and
/// its CSV so the download holds exactly what staff see.
/// </summary>
public sealed record SignatorySearch(string? Text, EnglishRegion? Region, SignatoryStatus? Status)
{
    public const int MaxText = 200;

    /// <summary>The search from the query string; null (with messages in <paramref name="errors"/>) for values that are not ours.</summary>
    public static SignatorySearch? Read(string? q, string? region, string? status, ModelStateDictionary errors)
    {
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (text?.Length > MaxText) errors.AddModelError("q", $"Search for at most {MaxText} characters");
        else if (text?.Any(char.IsControl) == true) errors.AddModelError("q", "Search for letters, numbers and punctuation only");

        EnglishRegion? chosenRegion = null;
        if (!string.IsNullOrEmpty(region))
        {
            if (EnglishRegions.TryParse(region, out var parsed)) chosenRegion = parsed;
            else errors.AddModelError("region", "Choose one of the nine regions of England, or all regions");
        }

        SignatoryStatus? chosenStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            var match = Enum.GetValues<SignatoryStatus>().Where(s => CharterLabels.Value(s) == status).ToList();
            if (match.Count == 1) chosenStatus = match[0];
            else errors.AddModelError("status", "Choose pending, confirmed or withdrawn, or any status");
        }
        return errors.IsValid ? new SignatorySearch(text, chosenRegion, chosenStatus) : null;
    }

    public bool IsFiltered => Text is not null || Region is not null || Status is not null;

    /// <summary>Matching signatories, by organisation name. The text matches organisation, contact or email, anywhere, any case.</summary>
    public IQueryable<Signatory> Apply(CommunityDb db)
    {
        var query = db.Signatories.AsNoTracking();
        if (Text is not null)
        {
            var pattern = "%" + Text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(s => EF.Functions.ILike(s.OrganisationName, pattern) || EF.Functions.ILike(s.ContactName, pattern)
                                     || EF.Functions.ILike(s.Email, pattern));
        }
        if (Region is { } region) query = query.Where(s => s.Region == region);
        if (Status is { } status) query = query.Where(s => s.Status == status);
        return query.OrderBy(s => s.OrganisationName).ThenBy(s => s.Id);
    }

    /// <summary>The same search as query-string values, for links (the CSV) that keep it.</summary>
    public Dictionary<string, string> RouteValues()
    {
        var values = new Dictionary<string, string>();
        if (Text is not null) values["q"] = Text;
        if (Region is { } region) values["region"] = region.ToString();
        if (Status is { } status) values["status"] = CharterLabels.Value(status);
        return values;
    }
}
