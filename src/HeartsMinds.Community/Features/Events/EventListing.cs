namespace HeartsMinds.Community.Features.Events;

/// <summary>One event in a list, with how its places look now.</summary>
public sealed record EventListing(Event Event, int PlacesLeft, Availability Availability)
{
    public static async Task<IReadOnlyList<EventListing>> ForAsync(IPlaceCounter counter, IReadOnlyList<Event> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = await counter.ForAsync(events, cancellationToken);
        return events.Select(e => new EventListing(e, counts[e.Id].Left, PublicEvents.AvailabilityOf(e, counts[e.Id].Left, now))).ToList();
    }
}
