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
/// The door of a face-to-face event, on a phone: find someone by name or organisation, one tap to check them in (or, for
/// someone on the waitlist, to give them a place and check them in), and undo. With htmx the list filters as you type and a tap swaps just that person's row; without it, the search is a
/// plain form and each tap reloads the page.
/// </summary>
public sealed class CheckInModel(CommunityDb db, RegistrationDesk desk, TimeProvider clock) : CommunityPageModel
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
            var withPlace = People.Count switch
            {
                0 => $"Nobody with a place matches “{query}”",
                1 => $"1 person matches “{query}”",
                var n => $"{n} people match “{query}”",
            };
            var waiting = WithoutPlace.Count(a => a.Status == AttendeeStatus.Waitlisted);
            return waiting == 0 ? withPlace : $"{withPlace}; {waiting} on the waitlist";
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

    /// <summary>
    /// Someone on the waitlist is at the door: the desk gives them a place (adding one if the event is full, as staff
    /// decide at the door) and checks them in, in one commit. They get the usual "you now have a place" email.
    /// </summary>
    public async Task<IActionResult> OnPostGivePlaceAsync(long id, long attendeeId, CancellationToken cancellationToken)
    {
        var attendee = await db.Attendees.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attendeeId && a.EventId == id, cancellationToken);
        if (attendee is null) return NotFound();
        if (attendee.Status == AttendeeStatus.Confirmed) return await SetAsync(id, attendeeId, checkIn: true, cancellationToken);
        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken);
        string? refusal = ev.Status == EventStatus.Cancelled ? "This event has been cancelled, so nobody can be given a place."
            : attendee.Status == AttendeeStatus.Cancelled ? $"{attendee.Name}'s place was cancelled, so they're not on the waitlist. Add them again from the registrations page."
            : !await desk.GivePlaceAsync(id, attendeeId, cancellationToken, checkIn: true) ? $"{attendee.Name} isn't on the waitlist any more. Search again."
            : null;
        if (refusal is not null)
        {
            if (IsHtmx) return new ContentResult { StatusCode = StatusCodes.Status409Conflict, Content = refusal, ContentType = "text/plain; charset=utf-8" };
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError(string.Empty, refusal);
            return PageWithStatus(StatusCodes.Status409Conflict);
        }
        return await CheckedInAsync(id, $"{attendee.Name} has a place and is checked in.", cancellationToken);
    }

    /// <summary>
    /// After a check-in the search starts again for the next person: the box is cleared and takes focus (with htmx the
    /// list and counts are swapped and manage.js clears the box; without it the page reloads with the box empty).
    /// </summary>
    private async Task<IActionResult> CheckedInAsync(long id, string notice, CancellationToken cancellationToken)
    {
        Query = null;
        if (!IsHtmx)
        {
            Notice = notice;
            return Redirect($"/manage/events/{id}/check-in");
        }
        await LoadAsync(id, cancellationToken);
        Notice = notice;
        Response.Headers["HX-Replace-Url"] = $"/manage/events/{id}/check-in";
        return Partial("_CheckInDone", this);
    }

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

        if (checkIn) return await CheckedInAsync(id, $"{attendee.Name} is checked in.", cancellationToken);
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
        Notice = $"{attendee.Name} is no longer checked in.";
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
