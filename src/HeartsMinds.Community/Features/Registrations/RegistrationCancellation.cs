using HeartsMinds.Community.Features.Events;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>Cancelling on a registration for one event: one person (attendee=ID) or everyone (all=true).</summary>
public static class RegistrationCancellation
{
    /// <summary>The question, or null when the person isn't on this registration.</summary>
    public static Cancellation? For(Registration registration, long? attendee, bool all, DateTimeOffset now, RegistrationDesk desk)
    {
        var ev = registration.Event;
        if (ev.Status == EventStatus.Cancelled)
            return Cancellation.Done("This event has been cancelled, so every place on it is cancelled already.");
        if (ev.EndsAt <= now)
            return Cancellation.Done("This event has already taken place, so there's nothing to cancel.");

        var live = registration.Attendees.Where(a => a.Status != AttendeeStatus.Cancelled).OrderBy(a => a.Id).ToList();
        if (!all && registration.Attendees.SingleOrDefault(a => a.Id == attendee) is { Status: AttendeeStatus.Cancelled } gone)
            return Cancellation.Done($"{gone.Name}'s place was already cancelled.");
        if (all && live.Count == 0)
            return Cancellation.Done("Everyone's places were already cancelled.");

        var chosen = all ? live : live.Where(a => a.Id == attendee).ToList();
        if (chosen.Count == 0) return null;

        var affected = chosen.Select(a => $"{a.Name} ({a.Email})").ToList();
        async Task<string> CancelAsync(string notice, CancellationToken ct)
        {
            await desk.CancelAttendeesAsync(ev.Id, chosen.Select(a => a.Id).ToList(), ct);
            return notice;
        }

        var when = $"{ev.Title} on {EventTime.Describe(ev.StartsAt, ev.TimeZoneId)}";
        var name = chosen[0].Name;
        if (chosen.Count == 1 && chosen[0].Status == AttendeeStatus.Waitlisted)
            return Cancellation.Ask($"Take {name} off the waitlist?",
                $"{name} won't get a place at {when} if one comes free. We'll email to let them know.",
                $"Yes, take {name} off the waitlist", affected,
                ct => CancelAsync($"Done: {name} is off the waitlist, and we've emailed them.", ct));

        const string freed = "We'll email to let them know. A place that comes free goes to the next person on the waitlist.";
        if (chosen.Count == 1)
            return Cancellation.Ask($"Cancel {name}'s place?", $"This cancels their place at {when}. {freed}",
                $"Yes, cancel {name}'s place", affected,
                ct => CancelAsync($"Place cancelled: we've emailed {name} to let them know. If anyone was waiting, the place has gone to the next person.", ct));

        return Cancellation.Ask("Cancel everyone's places?", $"This cancels all their places at {when}. {freed}",
            "Yes, cancel everyone's places", affected,
            ct => CancelAsync("Places cancelled: we've emailed everyone to let them know. If anyone was waiting, the places have gone to them.", ct));
    }
}
