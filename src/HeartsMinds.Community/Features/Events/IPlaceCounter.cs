namespace HeartsMinds.Community.Features.Events;

/// <summary>
/// Counts the places taken on events. The event pages, public and staff, show these numbers, but the attendees
/// belong to Registrations, which builds on Events (DESIGN.md §2). So Events owns this small question and
/// Registrations answers it, rather than Events reaching up into Registrations.
/// </summary>
public interface IPlaceCounter
{
    /// <summary>Counts for many events in one query, by event id.</summary>
    Task<Dictionary<long, PlaceCounts>> ForAsync(IReadOnlyCollection<Event> events, CancellationToken cancellationToken = default);

    async Task<PlaceCounts> ForAsync(Event ev, CancellationToken cancellationToken = default) =>
        (await ForAsync([ev], cancellationToken))[ev.Id];
}
