using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events;

/// <summary>One event in a list, with how its places look now.</summary>
public sealed record EventListing(Event Event, int PlacesLeft, Availability Availability)
{
    public static async Task<IReadOnlyList<EventListing>> ForAsync(CommunityDb db, IReadOnlyList<Event> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var placesLeft = await PublicEvents.PlacesLeftAsync(db, events, cancellationToken);
        return events.Select(e => new EventListing(e, placesLeft[e.Id], PublicEvents.AvailabilityOf(e, placesLeft[e.Id], now))).ToList();
    }
}
