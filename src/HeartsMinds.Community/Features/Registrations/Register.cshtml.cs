using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// An organisation registers one or more of its people for one event. The form works without JavaScript: the
/// "Add another person" and "Remove" buttons post the form to their own handlers, which show it again with the rows
/// changed; with htmx (HX-Request) those handlers return only the rows.
/// </summary>
public sealed class RegisterModel(CommunityDb db, RegistrationDesk desk, TimeProvider clock) : NewRegistrationPageModel
{
    public Event Event { get; private set; } = null!;
    public Availability Availability { get; private set; } = null!;
    public int PlacesLeft { get; private set; }

    /// <summary>Set when registration isn't possible: the page says why instead of showing the form.</summary>
    public string? ClosedReason { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        SubmissionKey = Guid.NewGuid().ToString();
        Input.Attendees = [new AttendeeInput()];
        return ShowPage();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (ClosedReason is not null) return ShowPage(StatusCodes.Status409Conflict);

        FormRules.Validate(Input, ModelState, Event.AsksDietaryNeeds);
        if (!TryGetSubmissionKey(out var key) || !ModelState.IsValid) return ShowPage(StatusCodes.Status400BadRequest);

        var outcome = await desk.RegisterAsync(new RegistrationRequest(Event.Id, key, Input.OrganisationName!.Trim(),
            Input.ContactName!.Trim(), Input.ContactEmail!.Trim(), Input.ToDetails(Event.AsksDietaryNeeds)), cancellationToken);

        switch (outcome)
        {
            case RegistrationOutcome.Registered { Repeat: true } earlier when earlier.Registration.CreatedAt < clock.GetUtcNow() - RegisteredModel.OpenFor:
                // The same form sent again long after (a restored browser tab): its confirmation page has closed.
                ModelState.AddModelError(string.Empty,
                    $"You already sent this form on {EventTime.Describe(earlier.Registration.CreatedAt, Event.TimeZoneId)}, so those people are registered. " +
                    "The email we sent then has your private link to see or change the registration.");
                SubmissionKey = Guid.NewGuid().ToString();
                return ShowPage(StatusCodes.Status409Conflict);

            case RegistrationOutcome.Registered:
                return SeeOther(Url.Page("/Registrations/Registered", new { id = Event.Id, key })!);

            case RegistrationOutcome.AlreadyRegistered already:
                var known = already.Emails.Select(Attendee.KeyOf).ToHashSet();
                for (var i = 0; i < Input.Attendees.Count; i++)
                    if (known.Contains(Attendee.KeyOf(Input.Attendees[i].Email!)))
                        ModelState.AddModelError($"Input.Attendees[{i}].Email",
                            $"{Input.Attendees[i].Name!.Trim()} ({Input.Attendees[i].Email!.Trim()}) is already registered for this event.");
                ModelState.AddModelError(string.Empty,
                    (known.Count == 1 ? "One of these people is already registered for this event" : "Some of these people are already registered for this event") +
                    ", so we haven't registered anyone from this form yet. We've emailed the link to see or change that registration to the person who made it. " +
                    "To register the others, remove anyone already registered and send the form again.");
                return ShowPage(StatusCodes.Status409Conflict);

            case RegistrationOutcome.Refused refused:
                await LoadAsync(id, cancellationToken); // places or the event may have changed since the form was shown
                if (ClosedReason is null)
                    ModelState.AddModelError(string.Empty, refused.Reason);
                else
                    ClosedReason = refused.Reason;
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
        var ev = await db.Events.AsNoTracking().Visible().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return false;
        Event = ev;
        PlacesLeft = await desk.PlacesLeftAsync(ev, cancellationToken);
        Availability = PublicEvents.AvailabilityOf(ev, PlacesLeft, clock.GetUtcNow());
        ClosedReason = Availability.ClosedReason;
        if (Input.Attendees.Count == 0) Input.Attendees.Add(new AttendeeInput());
        Rows = new AttendeeRowsView(Input.Attendees, ev.AsksDietaryNeeds);
        return true;
    }
}
