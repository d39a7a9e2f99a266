using System.Globalization;

namespace HeartsMinds.Community.ICalendar;

public enum CalendarTimeKind { Utc, Local, Date }

/// <summary>
/// A DATE-TIME or DATE value in one of the three forms RFC 5545 §3.3.5 allows us to use: UTC ("Z", never with a
/// TZID), local time with a TZID (the calendar then carries that zone's VTIMEZONE), or a whole date (VALUE=DATE).
/// Floating times are deliberately not offered: they mean different instants to different readers.
/// </summary>
public readonly record struct CalendarTime
{
    private CalendarTime(CalendarTimeKind kind, DateTime value, TimeZoneInfo? zone)
    {
        Kind = kind;
        Value = value;
        Zone = zone;
    }

    public CalendarTimeKind Kind { get; }
    public DateTime Value { get; }
    public TimeZoneInfo? Zone { get; }

    public static CalendarTime Utc(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local) utc = utc.ToUniversalTime();
        return new(CalendarTimeKind.Utc, DateTime.SpecifyKind(utc, DateTimeKind.Utc), null);
    }

    public static CalendarTime Utc(DateTimeOffset instant) => Utc(instant.UtcDateTime);

    /// <summary>A wall-clock time in <paramref name="zone"/> (e.g. Europe/London).</summary>
    public static CalendarTime Local(DateTime wallClock, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.Id == TimeZoneInfo.Utc.Id)
            throw new ArgumentException("Use CalendarTime.Utc for UTC: a UTC value never carries a TZID.", nameof(zone));
        return new(CalendarTimeKind.Local, DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), zone);
    }

    public static CalendarTime Date(DateOnly date) => new(CalendarTimeKind.Date, date.ToDateTime(TimeOnly.MinValue), null);

    /// <summary>The parameters this value needs: ";VALUE=DATE", ";TZID=..." or nothing for UTC.</summary>
    public string Parameters => Kind switch
    {
        CalendarTimeKind.Date => ";VALUE=DATE",
        CalendarTimeKind.Local => ";TZID=" + CalendarText.ParameterValue(Zone!.Id),
        _ => "",
    };

    public string FormatValue() => Kind switch
    {
        CalendarTimeKind.Date => Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        CalendarTimeKind.Local => Value.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture),
        _ => Value.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
    };

    /// <summary>A whole property, e.g. "DTSTART;TZID=Europe/London:20261208T123000".</summary>
    public string ToProperty(string name) => name + Parameters + ":" + FormatValue();

    public override string ToString() => FormatValue();
}
