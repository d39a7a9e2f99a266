using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// One upcoming session of a series, as an every-session subscription sees it: each member and their place, and
/// when its places are taken (<see cref="PlacesTakenFrom"/>) if that is still to come.
/// </summary>
public sealed record SessionPlaces(Event Session, Registration? Registration, IReadOnlyList<(SeriesSubscriber Member, MemberPlace Place)> Members,
    DateTimeOffset PlacesTakenFrom)
{
    public bool HasLivePlaces => Members.Any(m => m.Place is MemberPlace.HasPlace or MemberPlace.Waiting);

    /// <summary>Nobody's place here is taken yet: it is taken nearer the time.</summary>
    public bool Later => Members.Count > 0 && Members.All(m => m.Place == MemberPlace.NotYet);

    public static string Describe(MemberPlace place) => place switch
    {
        MemberPlace.HasPlace => "Has a place",
        MemberPlace.Waiting => "On the waitlist",
        MemberPlace.Cancelled => "Not coming (cancelled)",
        MemberPlace.RegisteredSeparately => "Already registered separately",
        MemberPlace.NotYet => "Place taken nearer the time",
        _ => "Not registered for this session",
    };

    public static string TagClass(MemberPlace place) => place switch
    {
        MemberPlace.HasPlace => "tag--open",
        MemberPlace.Waiting => "tag--full",
        _ => "",
    };

    /// <summary>The series' upcoming sessions, each with what this subscription's members have there.</summary>
    public static async Task<IReadOnlyList<SessionPlaces>> ForAsync(CommunityDb db, SeriesSubscription subscription, TimeSpan placesTakenBefore,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sessions = await db.Events.AsNoTracking().Visible()
            .Where(e => e.SeriesId == subscription.SeriesId && e.EndsAt > now)
            .OrderBy(e => e.StartsAt).ToListAsync(cancellationToken);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var registrations = await db.Registrations.AsNoTracking().Include(r => r.Attendees)
            .Where(r => r.SeriesSubscriptionId == subscription.Id && sessionIds.Contains(r.EventId))
            .ToDictionaryAsync(r => r.EventId, cancellationToken);
        var members = subscription.Members.Where(m => m.LeftAt == null).OrderBy(m => m.Id).ToList();
        var keys = members.Select(m => Attendee.KeyOf(m.Email)).ToList();
        // People who already had a place through another registration (the desk doesn't register them twice).
        var elsewhere = (await db.Attendees.AsNoTracking()
                .Where(a => sessionIds.Contains(a.EventId) && keys.Contains(a.EmailKey) && a.Status != AttendeeStatus.Cancelled
                            && a.Registration.SeriesSubscriptionId != subscription.Id)
                .Select(a => new { a.EventId, a.EmailKey }).ToListAsync(cancellationToken))
            .Select(a => (a.EventId, a.EmailKey)).ToHashSet();

        return sessions.Select(session =>
        {
            var registration = registrations.GetValueOrDefault(session.Id);
            var takenFrom = session.StartsAt - placesTakenBefore;
            var places = members.Select(member =>
            {
                var key = Attendee.KeyOf(member.Email);
                var attendee = registration?.Attendees.Where(a => a.EmailKey == key).OrderByDescending(a => a.Id).FirstOrDefault();
                var place = attendee?.Status switch
                {
                    AttendeeStatus.Confirmed => MemberPlace.HasPlace,
                    AttendeeStatus.Waitlisted => MemberPlace.Waiting,
                    _ when elsewhere.Contains((session.Id, key)) => MemberPlace.RegisteredSeparately,
                    AttendeeStatus.Cancelled => MemberPlace.Cancelled,
                    _ when registration is null && takenFrom > now && session.Status == EventStatus.Published => MemberPlace.NotYet,
                    _ => MemberPlace.NotRegistered,
                };
                return (member, place);
            }).ToList();
            return new SessionPlaces(session, registration, places, takenFrom);
        }).ToList();
    }
}
