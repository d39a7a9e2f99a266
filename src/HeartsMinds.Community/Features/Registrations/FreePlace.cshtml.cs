using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// "Can't come?" from a person's own link: one button frees their place (see <see cref="CancellationPageModel"/>).
/// With an every-session link, session=EVENT_ID frees one session and leave=true stops every session. A freed place
/// goes at once to the first person waiting.
/// </summary>
[PrivatePage]
public sealed class FreePlaceModel(CommunityDb db, RegistrationDesk desk, SubscriptionDesk subscriptions, TimeProvider clock) : CancellationPageModel
{
    [BindProperty(SupportsGet = true)] public long? Session { get; set; }
    [BindProperty(SupportsGet = true)] public bool Leave { get; set; }

    protected override string BackPage => "/Registrations/YourPlace";

    protected override async Task<Cancellation?> ChooseAsync(string token, CancellationToken cancellationToken)
    {
        var (attendee, member) = await PrivateLink.FindPersonAsync(db, token, cancellationToken);
        var now = clock.GetUtcNow();
        if (attendee is not null) return Free(attendee, attendee.Registration.Event, now, "");
        if (member is null) return null;
        if (Leave)
            return member.LeftAt is not null ? Cancellation.Done("You're no longer registered for every session.")
                : Cancellation.Ask("Stop registering you for every session?",
                    "You won't get places at new sessions, your places at upcoming ones are cancelled so others can have them, " +
                    "and the series leaves your calendar. We'll send you one email to confirm.",
                    "Yes, stop registering me", [],
                    async ct =>
                    {
                        await subscriptions.RemoveMemberAsync(member.SubscriptionId, member.Id, ct);
                        return "Done: you're no longer registered for every session. You're welcome back any time.";
                    });
        if (Session is not { } sessionId) return null;
        var place = await db.Attendees.Where(a => a.EventId == sessionId && a.Registration.SeriesSubscriptionId == member.SubscriptionId
                                            && a.EmailKey == member.EmailKey)
            .OrderByDescending(a => a.Id).Select(a => new { Attendee = a, a.Registration.Event }).FirstOrDefaultAsync(cancellationToken);
        return place is null ? null : Free(place.Attendee, place.Event, now, " You're still registered for every other session.");
    }

    private Cancellation Free(Attendee attendee, Event ev, DateTimeOffset now, string rest)
    {
        var day = EventTime.Day(ev.StartsAt, ev.TimeZoneId);
        if (attendee.Status == AttendeeStatus.Cancelled || ev.Status == EventStatus.Cancelled)
            return Cancellation.Done($"Your place on {day} is already cancelled.");
        if (ev.EndsAt <= now) return Cancellation.Done("That event has already taken place.");
        var waiting = attendee.Status == AttendeeStatus.Waitlisted;
        return Cancellation.Ask(waiting ? $"Take you off the waitlist for {day}?" : $"Free your place on {day}?",
            $"{ev.Title}, {EventTime.When(ev)} (UK time). " + (waiting ? "You won't be given a place if one comes free." : "Your place goes straight to the first person waiting, or back on offer.") + rest,
            waiting ? "Yes, take me off the waitlist" : "Yes, free my place", [],
            async ct =>
            {
                await desk.CancelAttendeesAsync(ev.Id, [attendee.Id], ct);
                return (waiting ? $"You're off the waitlist for {day}." : $"Your place on {day} is freed. Thank you for letting us know: someone else can come.") + rest;
            });
    }
}
