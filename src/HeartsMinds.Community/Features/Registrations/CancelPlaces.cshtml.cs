using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// "Are you sure?" before a place is given up, as a page of its own so that it works without JavaScript:
/// GET asks, POST does it and goes back to the private page. What to cancel comes in the query string:
/// attendee=ID or all=true (a registration); session=EVENT_ID, member=ID or leave=true (an every-session subscription).
/// Cancelling frees the place, and the <see cref="RegistrationDesk"/> gives it to the first person waiting.
/// </summary>
[PrivatePage]
public sealed class CancelPlacesModel(CommunityDb db, RegistrationDesk desk, SubscriptionDesk subscriptions, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Attendee { get; set; }
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true)] public long? Session { get; set; }
    [BindProperty(SupportsGet = true)] public long? Member { get; set; }
    [BindProperty(SupportsGet = true)] public bool Leave { get; set; }

    public string Token { get; private set; } = "";
    public string BackUrl => PrivateLink.PathFor(Token);

    public string Question { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public string ConfirmText { get; private set; } = "";
    public IReadOnlyList<string> Affected { get; private set; } = [];

    [TempData] public string? Notice { get; set; }

    private Func<CancellationToken, Task<string>> _cancel = _ => Task.FromResult("");

    /// <summary>Set when it was cancelled already (a double-click, a second tab): nothing to ask, just say so.</summary>
    private string? _alreadyDone;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (!await PrepareAsync(token, cancellationToken)) return NotFound();
        return _alreadyDone is null ? Page() : BackToYourPlaces(_alreadyDone);
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await PrepareAsync(token, cancellationToken)) return NotFound();
        return BackToYourPlaces(_alreadyDone ?? await _cancel(cancellationToken));
    }

    private StatusCodeResult BackToYourPlaces(string notice)
    {
        Notice = notice;
        Response.Headers.Location = BackUrl;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>Works out what is being cancelled, checks it belongs to this link, and words the question.</summary>
    private async Task<bool> PrepareAsync(string token, CancellationToken cancellationToken)
    {
        var (registration, subscription) = await PrivateLink.FindAsync(db, token, cancellationToken);
        Token = token;
        var now = clock.GetUtcNow();

        if (registration is not null)
        {
            var ev = registration.Event;
            if (ev.Status == EventStatus.Cancelled || ev.EndsAt <= now)
            {
                _alreadyDone = ev.Status == EventStatus.Cancelled
                    ? "This event has been cancelled, so every place on it is cancelled already."
                    : "This event has already taken place, so there's nothing to cancel.";
                return true;
            }
            var live = registration.Attendees.Where(a => a.Status != AttendeeStatus.Cancelled).OrderBy(a => a.Id).ToList();
            if (!All && registration.Attendees.SingleOrDefault(a => a.Id == Attendee) is { Status: AttendeeStatus.Cancelled } gone)
            {
                _alreadyDone = $"{gone.Name}'s place was already cancelled.";
                return true;
            }
            if (All && live.Count == 0)
            {
                _alreadyDone = "Everyone's places were already cancelled.";
                return true;
            }
            var chosen = All ? live : live.Where(a => a.Id == Attendee).ToList();
            if (chosen.Count == 0) return false;

            var when = $"{ev.Title} on {EventTime.Describe(ev.StartsAt, ev.TimeZoneId)}";
            var onlyWaiting = chosen.Count == 1 && chosen[0].Status == AttendeeStatus.Waitlisted;
            Question = onlyWaiting ? $"Take {chosen[0].Name} off the waitlist?"
                : chosen.Count == 1 ? $"Cancel {chosen[0].Name}'s place?" : "Cancel everyone's places?";
            Explanation = onlyWaiting
                ? $"{chosen[0].Name} won't get a place at {when} if one comes free. We'll email to let them know."
                : $"{(chosen.Count == 1 ? "This cancels their place" : "This cancels all their places")} at {when}. " +
                  "We'll email to let them know. A place that comes free goes to the next person on the waitlist.";
            ConfirmText = onlyWaiting ? $"Yes, take {chosen[0].Name} off the waitlist"
                : chosen.Count == 1 ? $"Yes, cancel {chosen[0].Name}'s place" : "Yes, cancel everyone's places";
            Affected = chosen.Select(a => $"{a.Name} ({a.Email})").ToList();
            _cancel = async ct =>
            {
                await desk.CancelAttendeesAsync(ev.Id, chosen.Select(a => a.Id).ToList(), ct);
                return onlyWaiting ? $"Done: {chosen[0].Name} is off the waitlist, and we've emailed them."
                    : chosen.Count == 1 ? $"Place cancelled: we've emailed {chosen[0].Name} to let them know. If anyone was waiting, the place has gone to the next person."
                    : "Places cancelled: we've emailed everyone to let them know. If anyone was waiting, the places have gone to them.";
            };
            return true;
        }

        if (subscription is null) return false;
        var members = subscription.Members.Where(m => m.LeftAt == null).OrderBy(m => m.Id).ToList();
        var series = subscription.Series.Title;

        if (Session is { } sessionId)
        {
            var sessions = await SessionPlaces.ForAsync(db, subscription, now, cancellationToken);
            var session = sessions.SingleOrDefault(s => s.Session.Id == sessionId);
            if (session?.Registration is null || session.Session.Status == EventStatus.Cancelled) return false;
            var live = session.Registration.Attendees.Where(a => a.Status != AttendeeStatus.Cancelled).ToList();
            var day = EventTime.Day(session.Session.StartsAt, session.Session.TimeZoneId);
            if (live.Count == 0)
            {
                _alreadyDone = $"Places for {day} were already cancelled.";
                return true;
            }
            Question = $"Cancel places for {day}?";
            Explanation = $"This cancels these places at the {series} session on {EventTime.Describe(session.Session.StartsAt, session.Session.TimeZoneId)} only. " +
                          "Everyone stays registered for the other sessions. We'll email each person, and the places go to anyone waiting.";
            ConfirmText = $"Yes, cancel places for {day}";
            Affected = live.Select(a => $"{a.Name} ({a.Email})").ToList();
            _cancel = async ct =>
            {
                await desk.CancelAttendeesAsync(sessionId, live.Select(a => a.Id).ToList(), ct);
                return $"Places for {day} are cancelled. Everyone is still registered for the other sessions.";
            };
            return true;
        }

        if (subscription.EndedAt is not null && (Leave || Member is not null))
        {
            _alreadyDone = "You've already stopped registering for every session.";
            return true;
        }

        if (Member is { } memberId)
        {
            if (subscription.Members.SingleOrDefault(m => m.Id == memberId) is { LeftAt: not null } left)
            {
                _alreadyDone = $"{left.Name} was already taken off this registration.";
                return true;
            }
            var member = members.SingleOrDefault(m => m.Id == memberId);
            if (member is null) return false;
            Question = $"Stop registering {member.Name} for every session?";
            Explanation = $"{member.Name} won't be registered for new {series} sessions, and their places at upcoming sessions are cancelled. " +
                          "Everyone else stays registered. We'll email them about each cancelled place.";
            ConfirmText = $"Yes, stop registering {member.Name}";
            Affected = [$"{member.Name} ({member.Email})"];
            _cancel = async ct =>
            {
                await subscriptions.RemoveMemberAsync(subscription.Id, member.Id, ct);
                return $"{member.Name} is no longer registered for every session, and their upcoming places are cancelled.";
            };
            return true;
        }

        if (Leave)
        {
            Question = "Stop registering for every session?";
            Explanation = $"Nobody from {subscription.OrganisationName} will be registered for new {series} sessions through this registration, " +
                          "and their places at upcoming sessions are cancelled. We'll email each person. You're welcome to register again any time.";
            ConfirmText = "Yes, stop registering for every session";
            Affected = members.Select(m => $"{m.Name} ({m.Email})").ToList();
            _cancel = async ct =>
            {
                await subscriptions.EndAsync(subscription.Id, ct);
                return "Done: you've stopped registering for every session, and upcoming places are cancelled.";
            };
            return true;
        }

        return false;
    }
}
