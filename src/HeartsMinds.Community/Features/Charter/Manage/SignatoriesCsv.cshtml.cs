using System.Globalization;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Charter.Manage;

/// <summary>The signatories that match the list's search and filters, as a spreadsheet (the registrations CSV's rules).</summary>
public sealed class SignatoriesCsvModel(CommunityDb db, TimeProvider clock) : PageModel
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public async Task<IActionResult> OnGetAsync(string? q, string? region, string? status, CancellationToken cancellationToken)
    {
        var search = SignatorySearch.Read(q, region, status, ModelState);
        if (search is null) return BadRequest(string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage + ".")));
        var signatories = await search.Apply(db).ToListAsync(cancellationToken);

        static string When(DateTimeOffset? instant) => instant is null ? "" : EventTime.ToLocal(instant.Value, EventTime.UkZoneId).ToString("yyyy-MM-dd HH:mm", Uk);
        static string YesNo(bool value) => value ? "Yes" : "No";
        var csv = new Csv().Row(
            "Organisation", "Contact name", "Role", "Email", "Region", "Postcode", "Website", "About the service", "Status",
            "Newsletter", "Event invitations", "Named publicly", "Signed (UK time)", "Confirmed (UK time)", "Withdrew (UK time)", "Staff notes");
        foreach (var s in signatories)
        {
            csv.Row(s.OrganisationName, s.ContactName, s.Role, s.Email, EnglishRegions.Name(s.Region), s.Postcode, s.Website, s.Description,
                CharterLabels.Status(s.Status), YesNo(s.WantsNewsletter), YesNo(s.WantsInvitations), YesNo(s.ListedPublicly),
                When(s.CreatedAt), When(s.ConfirmedAt), When(s.WithdrawnAt), s.StaffNotes);
        }

        // Personal data: not to be kept by browsers or proxies.
        Response.Headers.CacheControl = "no-store";
        var fileName = $"charter-signatories-{EventTime.LocalDate(clock.GetUtcNow(), EventTime.UkZoneId):yyyy-MM-dd}.csv";
        return File(csv.ToBytes(), "text/csv; charset=utf-8", fileName);
    }
}
