using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Events.Manage;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// Who is coming to one event: people with a place, the waitlist in order, and cancelled places. Staff can give a
/// waiting person a place or cancel someone's place; both go through the desk, which emails the people affected.
/// </summary>
public sealed class RegistrationsModel(CommunityDb db, RegistrationDesk desk, TimeProvider clock) : CommunityPageModel
{
    public Event Event { get; private set; } = null!;
    public IReadOnlyList<Attendee> Confirmed { get; private set; } = [];
    public IReadOnlyList<Attendee> Waitlisted { get; private set; } = [];
    public IReadOnlyList<Attendee> Cancelled { get; private set; } = [];
    public int Organisations { get; private set; }

    /// <summary>After the event, places are a record of what happened: nobody is emailed about a past event.</summary>
    public bool HasEnded { get; private set; }
    [TempData] public string? Notice { get; set; }

    public PlaceCounts Counts => new(Event.Capacity, Confirmed.Count, Waitlisted.Count, Cancelled.Count, Confirmed.Count(a => a.CheckedInAt != null));

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostGivePlaceAsync(long id, long attendeeId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var attendee = Find(attendeeId);
        if (attendee is null) return NotFound();
        if (attendee.Status == AttendeeStatus.Confirmed) return Done($"{attendee.Name} already has a place.");
        if (HasEnded) return Refuse("This event has already taken place, so places can't be changed.");
        if (attendee.Status == AttendeeStatus.Cancelled)
            return Refuse($"{attendee.Name}'s place was cancelled, so they're not on the waitlist. They can register again if places are open.");
        if (Event.Status == EventStatus.Cancelled) return Refuse("This event has been cancelled.");

        var fullBefore = Counts.Left == 0;
        if (!await desk.GivePlaceAsync(id, attendeeId, cancellationToken))
            return Done($"{attendee.Name} is no longer on the waitlist.");
        return Done($"{attendee.Name} now has a place and has been emailed.{(fullBefore ? $" The event was full, so it now has {Event.Capacity + 1} places." : "")}");
    }

    public async Task<IActionResult> OnPostCancelAsync(long id, long attendeeId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var attendee = Find(attendeeId);
        if (attendee is null) return NotFound();
        if (attendee.Status == AttendeeStatus.Cancelled) return Done($"{attendee.Name}'s place was already cancelled.");
        if (HasEnded) return Refuse("This event has already taken place, so places can't be changed.");

        var waiting = Waitlisted.Select(a => a.Id).ToHashSet();
        await desk.CancelAttendeesAsync(id, [attendeeId], cancellationToken);
        var promoted = await db.Attendees.AsNoTracking()
            .Where(a => a.EventId == id && waiting.Contains(a.Id) && a.Status == AttendeeStatus.Confirmed)
            .Select(a => a.Name).ToListAsync(cancellationToken);
        var what = attendee.Status == AttendeeStatus.Waitlisted ? "is off the waitlist" : "no longer has a place";
        return Done($"{attendee.Name} {what} and has been emailed." +
                    (promoted.Count > 0 ? $" {string.Join(", ", promoted)} now {(promoted.Count == 1 ? "has" : "have")} a place from the waitlist and {(promoted.Count == 1 ? "has" : "have")} been emailed." : ""));
    }

    /// <summary>Only someone registered for this event: an attendee id from another event is "not found".</summary>
    private Attendee? Find(long attendeeId) =>
        Confirmed.Concat(Waitlisted).Concat(Cancelled).SingleOrDefault(a => a.Id == attendeeId);

    private IActionResult Done(string notice)
    {
        Notice = notice;
        return Redirect($"/manage/events/{Event.Id}/registrations");
    }


    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return false;
        Event = ev;
        HasEnded = ev.EndsAt <= clock.GetUtcNow();
        var attendees = await db.Attendees.AsNoTracking().Include(a => a.Registration)
            .Where(a => a.EventId == id).OrderBy(a => a.QueuePosition).ToListAsync(cancellationToken);
        Confirmed = attendees.Where(a => a.Status == AttendeeStatus.Confirmed).OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        Waitlisted = attendees.Where(a => a.Status == AttendeeStatus.Waitlisted).ToList(); // queue order
        Cancelled = attendees.Where(a => a.Status == AttendeeStatus.Cancelled).OrderByDescending(a => a.CancelledAt).ToList();
        Organisations = attendees.Where(a => a.Status != AttendeeStatus.Cancelled)
            .Select(a => a.Registration.OrganisationName.Trim().ToLowerInvariant()).Distinct().Count();
        return true;
    }
}
