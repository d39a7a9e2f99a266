using System.Text.Json;
using HeartsMinds.Community.Features.Events;

namespace HeartsMinds.Community.Tests.Calendar;

/// <summary>Reading our calendars back in tests: unfolded property lines, and the three parsers' verdicts.</summary>
internal static class CalendarText
{
    /// <summary>Content lines with folding undone (RFC 5545 §3.1), in order.</summary>
    public static IReadOnlyList<string> Lines(string ics) =>
        ics.Replace("\r\n ", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Every property line with this name ("SEQUENCE", "ATTENDEE;..."), outside the VTIMEZONE (which has DTSTARTs of its own).</summary>
    public static IReadOnlyList<string> All(string ics, string name)
    {
        var inZone = false;
        var found = new List<string>();
        foreach (var line in Lines(ics))
        {
            if (line == "BEGIN:VTIMEZONE") inZone = true;
            if (!inZone && (line.StartsWith(name + ":") || line.StartsWith(name + ";"))) found.Add(line);
            if (line == "END:VTIMEZONE") inZone = false;
        }
        return found;
    }

    public static string One(string ics, string name) => Assert.Single(All(ics, name));

    public static string ValueOf(string line) => line[(line.IndexOf(':') + 1)..];

    /// <summary>
    /// 12:30 UK time on the second Tuesday of a month next year: always still to come, and in March and April, or
    /// October and November, either side of a clock change (the last Sundays of March and October).
    /// </summary>
    public static DateTimeOffset SecondTuesdayNextYear(int month) =>
        EventTime.ToInstant(MonthlyPattern.DateIn(DateTime.UtcNow.Year + 1, month, 2, DayOfWeek.Tuesday), new TimeOnly(12, 30), EventTime.UkZoneId);

    /// <summary>The local form of an instant in a TZID=Europe/London value: "20270413T123000".</summary>
    public static string UkLocal(DateTimeOffset instant) => EventTime.ToLocal(instant, EventTime.UkZoneId).ToString("yyyyMMdd'T'HHmmss");

    /// <summary>An instant as the parser scripts print it: "2027-04-13T11:30:00Z".</summary>
    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    /// <summary>libical (with its RFC 5545/5546 restriction checks) and vobject (validating) accept it; ical.js reads it.</summary>
    public static JsonElement AcceptedByAllParsers(string ics)
    {
        ExternalParsers.Libical(ics);
        ExternalParsers.Vobject(ics);
        return ExternalParsers.IcalJs(ics);
    }

    public static JsonElement OnlyEvent(JsonElement icalJs) => Assert.Single(icalJs.GetProperty("events").EnumerateArray());
}
