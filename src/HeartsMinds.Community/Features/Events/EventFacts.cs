namespace HeartsMinds.Community.Features.Events;

/// <summary>
/// What an event's calendar shows (time, place, joining link), caught before an edit so that, afterwards, the people
/// with a place are told exactly what changed, and only when something did.
/// </summary>
public sealed record EventFacts(long Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZoneId, string? JoiningUrl,
    string? VenueName, string? VenueAddress, string? VenuePostcode, string? MapUrl)
{
    public static EventFacts Of(Event ev) =>
        new(ev.Id, ev.StartsAt, ev.EndsAt, ev.TimeZoneId, ev.JoiningUrl, ev.VenueName, ev.VenueAddress, ev.VenuePostcode, ev.MapUrl);

    /// <summary>
    /// "the date and time have changed (it was Tuesday 10 March 2026, 12:30 to 14:00 UK time) and the joining link
    /// has changed", for the change email; null when nothing people rely on has changed.
    /// </summary>
    public string? ChangesTo(Event now)
    {
        var changes = new List<string>();
        if (StartsAt != now.StartsAt || EndsAt != now.EndsAt)
        {
            var sameDay = EventTime.Day(StartsAt, TimeZoneId) == EventTime.Day(now.StartsAt, now.TimeZoneId);
            changes.Add($"the {(sameDay ? "time has" : "date and time have")} changed (it was {EventTime.Day(StartsAt, TimeZoneId)}, {EventTime.Times(StartsAt, EndsAt, TimeZoneId)} UK time)");
        }
        if (VenueName != now.VenueName || VenueAddress != now.VenueAddress || VenuePostcode != now.VenuePostcode)
            changes.Add("the venue has changed");
        else if (MapUrl != now.MapUrl)
            changes.Add("the map link has changed");
        if (JoiningUrl != now.JoiningUrl)
            changes.Add("the joining link has changed");
        return changes.Count == 0 ? null : string.Join(" and ", changes);
    }
}
