namespace HeartsMinds.Community.Features.Events;

/// <summary>How the places on one event stand: what staff look at first. Counted by an <see cref="IPlaceCounter"/>.</summary>
public sealed record PlaceCounts(int Capacity, int Confirmed, int Waitlisted, int Cancelled, int CheckedIn)
{
    /// <summary>Never below zero, even when places were lowered below the people who already hold one.</summary>
    public int Left => Math.Max(0, Capacity - Confirmed);

    public static PlaceCounts Empty(Event ev) => new(ev.Capacity, 0, 0, 0, 0);
}
