using HeartsMinds.Community.Features.Calendar;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// Each every-session member's own recurring invitation to the series, as it stands in the database now: sessions
/// cancelled by staff or dropped by the member are left out (EXDATE), moved ones are moved (RECURRENCE-ID).
/// Read after the caller's changes are saved, so it shows them.
/// </summary>
public sealed class SeriesInvitations(CommunityDb db, EventCalendar calendar, TimeProvider clock)
{
    public async Task<CalendarInvitation?> ForAsync(SeriesSubscription subscription, SeriesSubscriber member, bool cancel, CancellationToken cancellationToken)
    {
        var series = await db.ConversationSpaceSeries.AsNoTracking().SingleAsync(s => s.Id == subscription.SeriesId, cancellationToken);
        // From when they joined: the entry starts with the first session they were registered for.
        var sessions = await db.Events.AsNoTracking()
            .Where(e => e.SeriesId == series.Id && e.EndsAt > subscription.CreatedAt).ToListAsync(cancellationToken);
        var dropped = await DroppedAsync(subscription.Id, member.EmailKey, cancellationToken);
        return calendar.SeriesInvitation(series, sessions, dropped, member.CalendarUid, member.CalendarSequence,
            member.Email, member.Name, cancel, clock.GetUtcNow());
    }

    /// <summary>Sessions where the member's place from this subscription was given up (and not taken again).</summary>
    public async Task<IReadOnlySet<long>> DroppedAsync(long subscriptionId, string emailKey, CancellationToken cancellationToken) =>
        (await db.Attendees
            .Where(a => a.Registration.SeriesSubscriptionId == subscriptionId && a.EmailKey == emailKey)
            .GroupBy(a => a.EventId)
            .Where(places => places.All(a => a.Status == AttendeeStatus.Cancelled))
            .Select(places => places.Key)
            .ToListAsync(cancellationToken)).ToHashSet();
}
