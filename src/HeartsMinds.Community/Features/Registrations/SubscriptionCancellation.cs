using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// Cancelling on an every-session subscription: one session's places (session=EVENT_ID), one person for every session
/// (member=ID), or the whole subscription (leave=true). Each returns null when what was asked for isn't on it.
/// </summary>
public static class SubscriptionCancellation
{
    public static async Task<Cancellation?> SessionAsync(CommunityDb db, RegistrationDesk desk, SeriesSubscription subscription,
        long sessionId, TimeSpan placesTakenBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sessions = await SessionPlaces.ForAsync(db, subscription, placesTakenBefore, now, cancellationToken);
        var session = sessions.SingleOrDefault(s => s.Session.Id == sessionId);
        if (session?.Registration is null || session.Session.Status == EventStatus.Cancelled) return null;

        var ev = session.Session;
        var live = session.Registration.Attendees.Where(a => a.Status != AttendeeStatus.Cancelled).ToList();
        var day = EventTime.Day(ev.StartsAt, ev.TimeZoneId);
        if (live.Count == 0) return Cancellation.Done($"Places for {day} were already cancelled.");

        return Cancellation.Ask($"Cancel places for {day}?",
            $"This cancels these places at the {subscription.Series.Title} session on {EventTime.Describe(ev.StartsAt, ev.TimeZoneId)} only. " +
            "Everyone stays registered for the other sessions. We'll email each person (the session leaves their calendar), and the places go to anyone waiting.",
            $"Yes, cancel places for {day}",
            live.Select(a => $"{a.Name} ({a.Email})").ToList(),
            async ct =>
            {
                await desk.CancelAttendeesAsync(sessionId, live.Select(a => a.Id).ToList(), ct);
                return $"Places for {day} are cancelled. Everyone is still registered for the other sessions.";
            });
    }

    public static Cancellation? Member(SubscriptionDesk subscriptions, SeriesSubscription subscription, long memberId)
    {
        if (subscription.EndedAt is not null) return Cancellation.Done("You've already stopped registering for every session.");
        var member = subscription.Members.SingleOrDefault(m => m.Id == memberId);
        if (member is null) return null;
        if (member.LeftAt is not null) return Cancellation.Done($"{member.Name} was already taken off this registration.");

        return Cancellation.Ask($"Stop registering {member.Name} for every session?",
            $"{member.Name} won't be registered for new {subscription.Series.Title} sessions, and their places at upcoming sessions are cancelled. " +
            "Everyone else stays registered. We'll email them once, and the series leaves their calendar.",
            $"Yes, stop registering {member.Name}",
            [$"{member.Name} ({member.Email})"],
            async ct =>
            {
                await subscriptions.RemoveMemberAsync(subscription.Id, member.Id, ct);
                return $"{member.Name} is no longer registered for every session, and their upcoming places are cancelled.";
            });
    }

    public static Cancellation Leave(SubscriptionDesk subscriptions, SeriesSubscription subscription)
    {
        if (subscription.EndedAt is not null) return Cancellation.Done("You've already stopped registering for every session.");

        return Cancellation.Ask("Stop registering for every session?",
            $"Nobody from {subscription.OrganisationName} will be registered for new {subscription.Series.Title} sessions through this registration, " +
            "and their places at upcoming sessions are cancelled. We'll email each person once, and the series leaves their calendars. You're welcome to register again any time.",
            "Yes, stop registering for every session",
            subscription.Members.Where(m => m.LeftAt == null).OrderBy(m => m.Id).Select(m => $"{m.Name} ({m.Email})").ToList(),
            async ct =>
            {
                await subscriptions.EndAsync(subscription.Id, ct);
                return "Done: you've stopped registering for every session, and upcoming places are cancelled.";
            });
    }
}
