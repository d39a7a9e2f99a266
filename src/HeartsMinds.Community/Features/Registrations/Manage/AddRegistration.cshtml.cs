using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// Staff add a registration by hand: a phone booking or a walk-in. The same form, checks and desk as the public
/// register page, so places, the waitlist and "already registered" work the same way; staff may also book outside the
/// public registration window (see <see cref="RegistrationDesk.RegisterAsync"/>), and may choose not to email anyone.
/// </summary>
public sealed class AddRegistrationModel(CommunityDb db, RegistrationDesk desk, TimeProvider clock) : NewRegistrationPageModel
{
    public Event Event { get; private set; } = null!;
    public int PlacesLeft { get; private set; }

    /// <summary>Why staff can't add anyone (a draft, a cancelled or a past event); the page says so instead of the form.</summary>
    public string? ClosedReason { get; private set; }

    /// <summary>A walk-in who is here now and doesn't want emails: nothing is written to the outbox for this registration.</summary>
    [BindProperty] public bool DontEmail { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        SubmissionKey = Guid.NewGuid().ToString();
        return ShowPage();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (ClosedReason is not null) return ShowPage(StatusCodes.Status409Conflict);

        FormRules.Validate(Input, ModelState, Event.AsksDietaryNeeds);
        if (!TryGetSubmissionKey(out var key) || !ModelState.IsValid) return ShowPage(StatusCodes.Status400BadRequest);

        var outcome = await desk.RegisterAsync(new RegistrationRequest(Event.Id, key, Input.OrganisationName!.Trim(),
            Input.ContactName!.Trim(), Input.ContactEmail!.Trim(), Input.ToDetails(Event.AsksDietaryNeeds),
            ByStaff: true, SendEmails: !DontEmail), cancellationToken);

        switch (outcome)
        {
            case RegistrationOutcome.Registered registered:
                var people = registered.Registration.Attendees;
                var placed = people.Count(a => a.Status == AttendeeStatus.Confirmed);
                var waiting = people.Count - placed;
                var words = new List<string> { $"Added {people.Count} {(people.Count == 1 ? "person" : "people")} from {registered.Registration.OrganisationName}." };
                if (placed > 0) words.Add($"{placed} {(placed == 1 ? "has a place" : "have places")}.");
                if (waiting > 0) words.Add($"{waiting} {(waiting == 1 ? "is" : "are")} on the waitlist, because the event is full.");
                words.Add(registered.Repeat ? "(The form was sent twice; they were added once.)"
                    : DontEmail ? "Nobody was emailed." : "Everyone has been emailed.");
                TempData["Notice"] = string.Join(" ", words);
                return SeeOther($"/manage/events/{Event.Id}/registrations");

            case RegistrationOutcome.AlreadyRegistered already:
                var known = already.Emails.Select(Attendee.KeyOf).ToHashSet();
                for (var i = 0; i < Input.Attendees.Count; i++)
                    if (known.Contains(Attendee.KeyOf(Input.Attendees[i].Email!)))
                        ModelState.AddModelError($"Input.Attendees[{i}].Email",
                            $"{Input.Attendees[i].Name!.Trim()} ({Input.Attendees[i].Email!.Trim()}) already has a place or is on the waitlist for this event.");
                ModelState.AddModelError(string.Empty,
                    "Nobody from this form has been added yet: someone on it is already registered for this event (see the registrations). Remove them and send the form again.");
                return ShowPage(StatusCodes.Status409Conflict);

            case RegistrationOutcome.Refused refused:
                await LoadAsync(id, cancellationToken); // places or the event may have changed since the form was shown
                ModelState.AddModelError(string.Empty, refused.Reason);
                return ShowPage(StatusCodes.Status409Conflict);

            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostAddAttendeeAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? RowAdded() : NotFound();

    public async Task<IActionResult> OnPostRemoveAttendeeAsync(long id, int remove, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? RowRemoved(remove) : NotFound();

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return false;
        Event = ev;
        PlacesLeft = await desk.PlacesLeftAsync(ev, cancellationToken);
        ClosedReason = ev.Status switch
        {
            EventStatus.Draft => "This event is a draft. Publish it first, then add people.",
            EventStatus.Cancelled => "This event has been cancelled, so nobody can be added.",
            _ => ev.EndsAt <= clock.GetUtcNow() ? "This event has already taken place, so nobody can be added." : null,
        };
        if (Input.Attendees.Count == 0) Input.Attendees.Add(new AttendeeInput());
        Rows = new AttendeeRowsView(Input.Attendees, ev.AsksDietaryNeeds)
        {
            Hint = "Each person needs their own email address. If the event is full, they join the waitlist in this order.",
        };
        return true;
    }
}
