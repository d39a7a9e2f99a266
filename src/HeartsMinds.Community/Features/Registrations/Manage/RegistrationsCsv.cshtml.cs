using System.Globalization;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>An event's registrations as a spreadsheet: people with a place, then the waitlist in order, then cancelled.</summary>
public sealed class RegistrationsCsvModel(CommunityDb db) : PageModel
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return NotFound();
        var attendees = await db.Attendees.AsNoTracking().Include(a => a.Registration)
            .Where(a => a.EventId == id).OrderBy(a => a.QueuePosition).ToListAsync(cancellationToken);

        string When(DateTimeOffset? instant) => instant is null ? "" : EventTime.ToLocal(instant.Value, ev.TimeZoneId).ToString("yyyy-MM-dd HH:mm", Uk);
        var csv = new Csv();
        csv.Row([
            "Status", "Waitlist position", "Name", "Email", "Role", "Organisation", "Contact name", "Contact email",
            "Access needs", .. ev.AsksDietaryNeeds ? ["Dietary needs"] : Array.Empty<string>(),
            "Registered (UK time)", "Given a place from the waitlist (UK time)", ev.IsOnline ? "Attended (UK time)" : "Checked in (UK time)", "Cancelled (UK time)",
        ]);
        var waitlistPosition = 0;
        var ordered = attendees.Where(a => a.Status == AttendeeStatus.Confirmed).OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)
            .Concat(attendees.Where(a => a.Status == AttendeeStatus.Waitlisted))
            .Concat(attendees.Where(a => a.Status == AttendeeStatus.Cancelled).OrderBy(a => a.CancelledAt));
        foreach (var a in ordered)
        {
            csv.Row([
                a.Status switch { AttendeeStatus.Confirmed => "Has a place", AttendeeStatus.Waitlisted => "Waitlist", _ => "Cancelled" },
                a.Status == AttendeeStatus.Waitlisted ? (++waitlistPosition).ToString(CultureInfo.InvariantCulture) : "",
                a.Name, a.Email, a.Role, a.Registration.OrganisationName, a.Registration.ContactName, a.Registration.ContactEmail,
                a.AccessNeeds, .. ev.AsksDietaryNeeds ? [a.DietaryNeeds] : Array.Empty<string?>(),
                When(a.CreatedAt), When(a.PromotedAt), When(a.CheckedInAt), When(a.CancelledAt),
            ]);
        }

        // Personal data: not to be kept by browsers or proxies.
        Response.Headers.CacheControl = "no-store";
        var fileName = $"registrations-{ev.Id}-{EventTime.ToLocal(ev.StartsAt, ev.TimeZoneId):yyyy-MM-dd}.csv";
        return File(csv.ToBytes(), "text/csv; charset=utf-8", fileName);
    }
}
