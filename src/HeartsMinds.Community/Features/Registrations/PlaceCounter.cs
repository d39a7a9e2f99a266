using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>Counts each event's attendees by status, for the event pages (see <see cref="IPlaceCounter"/>).</summary>
public sealed class PlaceCounter(CommunityDb db) : IPlaceCounter
{
    public async Task<Dictionary<long, PlaceCounts>> ForAsync(IReadOnlyCollection<Event> events, CancellationToken cancellationToken = default)
    {
        var ids = events.Select(e => e.Id).ToList();
        var rows = await db.Attendees.AsNoTracking()
            .Where(a => ids.Contains(a.EventId))
            .GroupBy(a => new { a.EventId, a.Status })
            .Select(g => new { g.Key.EventId, g.Key.Status, Count = g.Count(), CheckedIn = g.Count(a => a.CheckedInAt != null) })
            .ToListAsync(cancellationToken);
        return events.ToDictionary(e => e.Id, e =>
        {
            int Of(AttendeeStatus status) => rows.Where(r => r.EventId == e.Id && r.Status == status).Sum(r => r.Count);
            var checkedIn = rows.Where(r => r.EventId == e.Id && r.Status == AttendeeStatus.Confirmed).Sum(r => r.CheckedIn);
            return new PlaceCounts(e.Capacity, Of(AttendeeStatus.Confirmed), Of(AttendeeStatus.Waitlisted), Of(AttendeeStatus.Cancelled), checkedIn);
        });
    }
}
