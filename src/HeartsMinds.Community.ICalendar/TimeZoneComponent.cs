using System.Globalization;
using System.Text;

namespace HeartsMinds.Community.ICalendar;

/// <summary>
/// Builds a VTIMEZONE from a .NET <see cref="TimeZoneInfo"/>. Rather than reading the zone's adjustment rules
/// (which on Linux are per-year fixed dates, not the floating "last Sunday" rules), it finds the zone's actual
/// transitions in a reference year and describes each as a yearly "nth weekday of month" rule, checked against the
/// following years. A zone without daylight saving time gets a single STANDARD observance.
/// </summary>
public static class TimeZoneComponent
{
    /// <summary>The year observances are anchored to, as clients expect (e.g. DTSTART:19700329T010000).</summary>
    private const int BaseYear = 1970;
    private const int YearsChecked = 8;

    public static IReadOnlyList<string> Lines(TimeZoneInfo zone) => Lines(zone, DateTime.UtcNow.Year);

    public static IReadOnlyList<string> Lines(TimeZoneInfo zone, int referenceYear)
    {
        var lines = new List<string> { "BEGIN:VTIMEZONE", "TZID:" + CalendarText.Escape(zone.Id) };
        var names = PosixNames(zone.Id);
        var transitions = Transitions(zone, referenceYear);
        if (transitions.Count == 0)
        {
            var offset = zone.GetUtcOffset(new DateTime(referenceYear, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            lines.Add("BEGIN:STANDARD");
            lines.Add("DTSTART:" + BaseYear + "0101T000000");
            lines.Add("TZOFFSETFROM:" + Offset(offset));
            lines.Add("TZOFFSETTO:" + Offset(offset));
            if (names.Standard is { } std) lines.Add("TZNAME:" + CalendarText.Escape(std));
            lines.Add("END:STANDARD");
        }
        else
        {
            foreach (var t in transitions)
            {
                var local = t.Utc + t.From; // an onset is given in the local time in force before it
                var week = WeekRule(zone, t, local, referenceYear);
                var kind = zone.IsDaylightSavingTime(t.Utc.AddMinutes(1)) ? "DAYLIGHT" : "STANDARD";
                var start = NthWeekday(BaseYear, local.Month, local.DayOfWeek, week).Add(local.TimeOfDay);
                lines.Add("BEGIN:" + kind);
                lines.Add("DTSTART:" + start.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture));
                lines.Add("TZOFFSETFROM:" + Offset(t.From));
                lines.Add("TZOFFSETTO:" + Offset(t.To));
                var name = kind == "DAYLIGHT" ? names.Daylight : names.Standard;
                if (name is not null) lines.Add("TZNAME:" + CalendarText.Escape(name));
                lines.Add(FormattableString.Invariant(
                    $"RRULE:FREQ=YEARLY;BYMONTH={local.Month};BYDAY={week}{Day(local.DayOfWeek)}"));
                lines.Add("END:" + kind);
            }
        }
        lines.Add("END:VTIMEZONE");
        return lines;
    }

    private readonly record struct Transition(DateTime Utc, TimeSpan From, TimeSpan To);

    /// <summary>Offset changes during the year, found hour by hour and then narrowed to the minute.</summary>
    private static List<Transition> Transitions(TimeZoneInfo zone, int year)
    {
        var found = new List<Transition>();
        var hour = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = hour.AddYears(1);
        var previous = zone.GetUtcOffset(hour);
        for (; hour < end; hour = hour.AddHours(1))
        {
            var next = zone.GetUtcOffset(hour.AddHours(1));
            if (next == previous) continue;
            int lo = 0, hi = 60; // offset(hour + lo) == previous, offset(hour + hi) == next
            while (hi - lo > 1)
            {
                var mid = (lo + hi) / 2;
                if (zone.GetUtcOffset(hour.AddMinutes(mid)) == previous) lo = mid; else hi = mid;
            }
            found.Add(new Transition(hour.AddMinutes(hi), previous, next));
            previous = next;
        }
        return found;
    }

    /// <summary>
    /// Which "nth weekday" rule (1..4 or -1 for the last) the transition follows, taking the one that also gives the
    /// transitions of the following years; a zone whose rules change in that window cannot be described this way.
    /// </summary>
    private static int WeekRule(TimeZoneInfo zone, Transition t, DateTime local, int year)
    {
        var candidates = new List<int> { (local.Day - 1) / 7 + 1 };
        if (local.Day + 7 > DateTime.DaysInMonth(local.Year, local.Month)) candidates.Insert(0, -1);
        foreach (var week in candidates)
        {
            var holds = true;
            for (var y = year + 1; y < year + YearsChecked && holds; y++)
            {
                var expectedLocal = NthWeekday(y, local.Month, local.DayOfWeek, week).Add(local.TimeOfDay);
                var utc = DateTime.SpecifyKind(expectedLocal - t.From, DateTimeKind.Utc);
                holds = zone.GetUtcOffset(utc.AddMinutes(-1)) == t.From && zone.GetUtcOffset(utc) == t.To;
            }
            if (holds) return week;
        }
        throw new NotSupportedException(
            $"The time zone '{zone.Id}' does not follow fixed yearly rules; it cannot be written as a VTIMEZONE here.");
    }

    private static DateTime NthWeekday(int year, int month, DayOfWeek day, int week)
    {
        if (week > 0)
        {
            var first = new DateTime(year, month, 1);
            return first.AddDays(((int)day - (int)first.DayOfWeek + 7) % 7 + 7 * (week - 1));
        }
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
    }

    private static string Day(DayOfWeek day) => day.ToString()[..2].ToUpperInvariant();

    public static string Offset(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        var text = sign + abs.Hours.ToString("00", CultureInfo.InvariantCulture) + abs.Minutes.ToString("00", CultureInfo.InvariantCulture);
        return abs.Seconds == 0 ? text : text + abs.Seconds.ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The short names (GMT, BST) are not exposed by TimeZoneInfo, whose names are long and localised; they come
    /// from the POSIX rule at the end of the zone's tzdata file. TZNAME is optional, so without that file it is left out.
    /// </summary>
    private static (string? Standard, string? Daylight) PosixNames(string id)
    {
        try
        {
            var dir = Environment.GetEnvironmentVariable("TZDIR") is { Length: > 0 } d ? d : "/usr/share/zoneinfo";
            var path = Path.Combine(dir, id);
            if (id.Contains("..") || !File.Exists(path)) return (null, null);
            var bytes = File.ReadAllBytes(path);
            var endAt = bytes.Length - 1;
            if (endAt < 1 || bytes[endAt] != (byte)'\n') return (null, null);
            var startAt = Array.LastIndexOf(bytes, (byte)'\n', endAt - 1) + 1;
            var posix = Encoding.ASCII.GetString(bytes, startAt, endAt - startAt);
            var i = 0;
            var std = Name(posix, ref i);
            while (i < posix.Length && (char.IsAsciiDigit(posix[i]) || posix[i] is '+' or '-' or ':')) i++;
            var dst = Name(posix, ref i);
            return (std, dst);
        }
        catch (IOException) { return (null, null); }
        catch (UnauthorizedAccessException) { return (null, null); }
    }

    private static string? Name(string posix, ref int i)
    {
        if (i >= posix.Length) return null;
        var start = i;
        if (posix[i] == '<')
        {
            var close = posix.IndexOf('>', i);
            if (close < 0) return null;
            i = close + 1;
            return posix[(start + 1)..close];
        }
        while (i < posix.Length && char.IsAsciiLetter(posix[i])) i++;
        return i - start >= 3 ? posix[start..i] : null;
    }
}
