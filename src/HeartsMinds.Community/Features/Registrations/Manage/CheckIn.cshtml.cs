using System.Globalization;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Htmx;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// The door of a face-to-face event, on a phone: find someone by name or organisation, one tap to check them in, and
/// undo. With htmx the list filters as you type and a tap swaps just that person's row; without it, the search is a
/// plain form and each tap reloads the page.
/// </summary>
public sealed class CheckInModel(CommunityDb db, TimeProvider clock) : CommunityPageModel
{
    public Event Event { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }

    /// <summary>People with a place who match the search (everyone when there is none), by name.</summary>
    public IReadOnlyList<Attendee> People { get; private set; } = [];

    /// <summary>People matching the search who have no place (waiting or cancelled): shown so the door knows why.</summary>
    public IReadOnlyList<Attendee> WithoutPlace { get; private set; } = [];

    /// <summary>"3 people match “acacia”", read out (a live region) as the list filters.</summary>
    public string MatchSummary
    {
        get
        {
            var query = Query?.Trim();
            if (string.IsNullOrEmpty(query)) return $"Everyone with a place: {People.Count}";
            return People.Count switch
            {
                0 => $"Nobody with a place matches “{query}”",
                1 => $"1 person matches “{query}”",
                var n => $"{n} people match “{query}”",
            };
        }
    }

    public int Total { get; private set; }
    public int CheckedIn { get; private set; }
    [TempData] public string? Notice { get; set; }

    private bool IsHtmx => Request.WantsHtmxFragment();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Event.IsOnline && !IsHtmx) return Redirect($"/manage/events/{id}/attendance");
        return IsHtmx ? Partial("_CheckInResults", this) : Page();
    }

    public Task<IActionResult> OnPostCheckInAsync(long id, long attendeeId, CancellationToken cancellationToken) =>
        SetAsync(id, attendeeId, checkIn: true, cancellationToken);

    public Task<IActionResult> OnPostUndoAsync(long id, long attendeeId, CancellationToken cancellationToken) =>
        SetAsync(id, attendeeId, checkIn: false, cancellationToken);

    private async Task<IActionResult> SetAsync(long id, long attendeeId, bool checkIn, CancellationToken cancellationToken)
    {
        var attendee = await db.Attendees.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attendeeId && a.EventId == id, cancellationToken);
        if (attendee is null) return NotFound();
        if (attendee.Status != AttendeeStatus.Confirmed)
        {
            var message = $"{attendee.Name} doesn't have a place: {(attendee.Status == AttendeeStatus.Waitlisted ? "they're on the waitlist" : "their place was cancelled")}.";
            if (IsHtmx) return new ContentResult { StatusCode = StatusCodes.Status400BadRequest, Content = message, ContentType = "text/plain; charset=utf-8" };
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError(string.Empty, message);
            return BadRequestPage();
        }

        // Only the first tap counts: a double tap, or two people at the door, keep the first time.
        if (checkIn)
            await db.Attendees.Where(a => a.Id == attendeeId && a.Status == AttendeeStatus.Confirmed && a.CheckedInAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.CheckedInAt, clock.GetUtcNow()), cancellationToken);
        else
            await db.Attendees.Where(a => a.Id == attendeeId)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.CheckedInAt, (DateTimeOffset?)null), cancellationToken);

        if (IsHtmx)
        {
            await LoadAsync(id, cancellationToken);
            var row = People.SingleOrDefault(a => a.Id == attendeeId);
            // Cancelled in the same moment (or not in this search): there is no row to redraw.
            if (row is null)
                return new ContentResult { StatusCode = StatusCodes.Status409Conflict, ContentType = "text/plain; charset=utf-8",
                    Content = $"{attendee.Name} isn't in this list any more: their place may have just been cancelled. Search again." };
            return Partial("_CheckInSwap", new CheckInRow(Event, row, Query, Total, CheckedIn));
        }
        Notice = checkIn ? $"{attendee.Name} is checked in." : $"{attendee.Name} is no longer checked in.";
        return Redirect($"/manage/events/{id}/check-in{(string.IsNullOrWhiteSpace(Query) ? "" : "?q=" + Uri.EscapeDataString(Query))}#attendee-{attendeeId}");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return false;
        Event = ev;
        var everyone = await db.Attendees.AsNoTracking().Include(a => a.Registration)
            .Where(a => a.EventId == id).ToListAsync(cancellationToken);
        var confirmed = everyone.Where(a => a.Status == AttendeeStatus.Confirmed).ToList();
        Total = confirmed.Count;
        CheckedIn = confirmed.Count(a => a.CheckedInAt != null);
        var query = Query?.Trim();
        People = confirmed.Where(a => Matches(a, query)).OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        // The newest entry per person: someone may have cancelled and registered again.
        WithoutPlace = string.IsNullOrEmpty(query) ? [] : everyone
            .Where(a => a.Status != AttendeeStatus.Confirmed && Matches(a, query) && !confirmed.Any(c => c.EmailKey == a.EmailKey))
            .GroupBy(a => a.EmailKey).Select(g => g.OrderByDescending(a => a.CreatedAt).First())
            .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        return true;
    }

    /// <summary>Ignores case and accents, so "sian" finds Siân and "oconnor" doesn't need the apostrophe's exact form.</summary>
    public static bool Matches(Attendee attendee, string? query)
    {
        if (string.IsNullOrEmpty(query)) return true;
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        const CompareOptions loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace | CompareOptions.IgnoreSymbols;
        return compare.IndexOf(attendee.Name, query, loose) >= 0
            || compare.IndexOf(attendee.Registration.OrganisationName, query, loose) >= 0
            || compare.IndexOf(attendee.Email, query, loose) >= 0;
    }
}
