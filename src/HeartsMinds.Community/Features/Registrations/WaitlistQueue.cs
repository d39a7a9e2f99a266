using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>Where people stand on their event's waitlist: 1 is next to get a place.</summary>
public static class WaitlistQueue
{
    /// <summary>
    /// Each waitlisted attendee's position, by attendee id (all of one event). Two index reads: how many wait ahead of
    /// the first of them, and the queue between the first and the last (usually just them), not the whole waitlist,
    /// which matters inside the event's lock during a rush.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, int>> PositionsAsync(CommunityDb db, IEnumerable<Attendee> attendees, CancellationToken cancellationToken)
    {
        var waiting = attendees.Where(a => a.Status == AttendeeStatus.Waitlisted).ToList();
        if (waiting.Count == 0) return new Dictionary<long, int>();
        var eventId = waiting[0].EventId;
        var first = waiting.Min(a => a.QueuePosition);
        var last = waiting.Max(a => a.QueuePosition);
        var queue = db.Attendees.Where(a => a.EventId == eventId && a.Status == AttendeeStatus.Waitlisted);
        var ahead = await queue.CountAsync(a => a.QueuePosition < first, cancellationToken);
        var between = await queue.Where(a => a.QueuePosition >= first && a.QueuePosition <= last)
            .Select(a => a.QueuePosition).ToListAsync(cancellationToken);
        return waiting.ToDictionary(a => a.Id, a => ahead + between.Count(q => q <= a.QueuePosition));
    }

    /// <summary>This attendee's position, or null when they are not waiting.</summary>
    public static int? Of(this IReadOnlyDictionary<long, int> positions, Attendee attendee) =>
        positions.TryGetValue(attendee.Id, out var position) ? position : null;
}
