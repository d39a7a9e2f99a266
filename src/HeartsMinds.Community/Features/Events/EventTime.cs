using System.Globalization;

namespace HeartsMinds.Community.Features.Events;

/// <summary>Turning stored instants into the UK time people read, and local times people type into instants.</summary>
public static class EventTime
{
    public const string UkZoneId = "Europe/London";
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static TimeZoneInfo Zone(string zoneId) => TimeZoneInfo.FindSystemTimeZoneById(zoneId);

    public static DateTime ToLocal(DateTimeOffset instant, string zoneId) =>
        TimeZoneInfo.ConvertTime(instant, Zone(zoneId)).DateTime;

    /// <summary>The date it is (or was) in the zone at that instant: "today" in UK terms, or an event's day.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, string zoneId) => DateOnly.FromDateTime(ToLocal(instant, zoneId));

    /// <summary>
    /// The instant of a local date and time. A time skipped when clocks go forward moves on by the gap; a time that
    /// happens twice when clocks go back is taken the first time (summer time).
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, string zoneId)
    {
        var zone = Zone(zoneId);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>"Tuesday 10 March 2026, 12:30"</summary>
    public static string Describe(DateTimeOffset instant, string zoneId) =>
        ToLocal(instant, zoneId).ToString("dddd d MMMM yyyy, HH:mm", UkCulture);

    /// <summary>"Tuesday 10 March 2026"</summary>
    public static string Day(DateTimeOffset instant, string zoneId) =>
        ToLocal(instant, zoneId).ToString("dddd d MMMM yyyy", UkCulture);

    /// <summary>"12:30 to 14:00"</summary>
    public static string Times(DateTimeOffset start, DateTimeOffset end, string zoneId) =>
        $"{ToLocal(start, zoneId):HH:mm} to {ToLocal(end, zoneId):HH:mm}";

    /// <summary>"Tuesday 10 March 2026, 12:30 to 14:00", in the event's own zone.</summary>
    public static string When(Event ev) => $"{Day(ev.StartsAt, ev.TimeZoneId)}, {Times(ev.StartsAt, ev.EndsAt, ev.TimeZoneId)}";

    public static string Clock(TimeOnly time) => time.ToString("HH:mm", UkCulture);
}
