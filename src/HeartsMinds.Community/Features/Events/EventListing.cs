using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events;

/// <summary>One event in a list, with how its places look now.</summary>
public sealed record EventListing(Event Event, int PlacesLeft, Availability Availability)
{
    public static async Task<IReadOnlyList<EventListing>> ForAsync(IPlaceCounter counter, IReadOnlyList<Event> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = await counter.ForAsync(events, cancellationToken);
        return events.Select(e => new EventListing(e, counts[e.Id].Left, PublicEvents.AvailabilityOf(e, counts[e.Id].Left, now))).ToList();
    }

    /// <summary>
    /// The next of these events to start, with its places; cancelled ones are skipped, since "the next date" is one
    /// people can come to. Null when there is none.
    /// </summary>
    public static async Task<EventListing?> NextAsync(IPlaceCounter counter, IQueryable<Event> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = await events.AsNoTracking().Where(e => e.Status == EventStatus.Published && e.StartsAt > now)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        return next is null ? null : (await ForAsync(counter, [next], now, cancellationToken))[0];
    }
}
