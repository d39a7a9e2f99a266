using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;

namespace HeartsMinds.Community.Features.Calendar;

/// <summary>
/// Writes every calendar we send with Ical.Net's <see cref="CalendarSerializer"/>, adding the little it leaves to us
/// (docs/decisions/0010): a VTIMEZONE for each zone used, built from the zone's rules; text and names cleaned of what
/// it would write as is; and lines folded again, because it can fold an emoji in half.
/// </summary>
public static class CalendarWriter
{
    public const string ProductId = "-//Hearts and Minds Partnership//Hearts & Minds Community//EN";

    /// <summary>How often a subscribing app should fetch a feed again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(6);

    private const int MaxOctets = 75;

    /// <summary>The whole calendar as text. The entries are cleaned in place and become part of it: pass new ones each time.</summary>
    /// <param name="method">The iTIP method of an invitation ("REQUEST", "CANCEL"); null for downloads and feeds.</param>
    /// <param name="name">A feed's name, shown by subscribing apps (NAME, RFC 7986, and X-WR-CALNAME for older apps);
    /// a named calendar also says how often to refresh it (REFRESH-INTERVAL and X-PUBLISHED-TTL).</param>
    public static string Write(IReadOnlyList<CalendarEvent> events, string? method = null, string? name = null)
    {
        var calendar = new IcalCalendar { ProductId = ProductId, Scale = CalendarScales.Gregorian };
        if (method is not null) calendar.Method = method;
        if (Text(name) is { } shown)
        {
            calendar.AddProperty("NAME", shown);
            calendar.AddProperty("X-WR-CALNAME", shown);
            var refresh = new CalendarProperty("REFRESH-INTERVAL", Duration.FromTimeSpanExact(RefreshInterval));
            refresh.Parameters.Add("VALUE", "DURATION");
            calendar.AddProperty(refresh);
            calendar.AddProperty(new CalendarProperty("X-PUBLISHED-TTL", Duration.FromTimeSpanExact(RefreshInterval)));
        }
        // Zones first, so they come before the events that use them, as in most calendars.
        foreach (var (zone, earliest) in ZonesUsed(events))
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, SupportFrom(earliest), includeHistoricalData: false));
        foreach (var e in events)
        {
            Clean(e);
            calendar.Events.Add(e);
        }
        return Refold(new CalendarSerializer(calendar).SerializeToString()!);
    }

    /// <summary>
    /// Each zone used by a local time, with the earliest time given in it. The VTIMEZONE must cover that time; taking
    /// it from the data rather than the clock keeps the same data giving the same bytes.
    /// </summary>
    private static IEnumerable<(string Zone, DateTime Earliest)> ZonesUsed(IEnumerable<CalendarEvent> events) =>
        events.SelectMany(e => new[] { e.DtStart, e.DtEnd, e.RecurrenceIdentifier?.StartTime }.Concat(e.ExceptionDates.GetAllDates()))
            .OfType<CalDateTime>()
            .Where(t => t is { IsUtc: false, TzId: not null })
            .GroupBy(t => t.TzId!)
            .Select(zone => (zone.Key, zone.Min(t => t.Value)));

    /// <summary>
    /// Ical.Net 5.2.4 reads the zone's changes from a year before the given date up to the machine's own now, not up
    /// to the events': for a date more than a year ahead it throws (the range ends before it starts), and for one
    /// months ahead it may see no change at all and write STANDARD without DAYLIGHT. A date no later than now always
    /// gives it a whole year, so both; and the rules it writes then hold for every later event too.
    /// </summary>
    private static DateTime SupportFrom(DateTime earliest) => earliest < DateTime.UtcNow ? earliest : DateTime.UtcNow.Date;

    /// <summary>What Ical.Net would write as is: control characters in text and in names (a line break in a CN would end the line).</summary>
    private static void Clean(CalendarEvent e)
    {
        e.Summary = Text(e.Summary);
        e.Description = Text(e.Description);
        e.Location = Text(e.Location);
        if (e.Organizer is { } organizer) organizer.CommonName = Name(organizer.CommonName);
        foreach (var attendee in e.Attendees) attendee.CommonName = Name(attendee.CommonName);
    }

    /// <summary>
    /// TEXT (RFC 5545 §3.3.11) may hold line breaks (escaped by Ical.Net) and tabs, but no other control characters;
    /// dropping them is kinder than refusing an event over a pasted one. Spaces and tabs at the ends go too: libical
    /// drops them when reading, so leaving them would make calendar apps disagree about the text. Nothing left means
    /// no property: libical refuses an empty one.
    /// </summary>
    private static string? Text(string? value)
    {
        var text = new string((value ?? "").Where(c => c is '\t' or '\r' or '\n' || !char.IsControl(c)).ToArray()).Trim(' ', '\t');
        return text.Length == 0 ? null : text;
    }

    /// <summary>A parameter value cannot hold control characters at all (RFC 5545 §3.2); Ical.Net quotes the rest.</summary>
    private static string? Name(string? value) =>
        value is null ? null : new string(value.Where(c => !char.IsControl(c)).ToArray());

    /// <summary>
    /// Ical.Net 5.2.4 folds at 75 octets but may fold between the two halves of a surrogate pair, which UTF-8 then
    /// writes as two U+FFFD: an emoji in a title comes out broken. Its escaping leaves no line break inside a value,
    /// so undoing its folds and folding again between whole code points is safe (RFC 5545 §3.1).
    /// </summary>
    private static string Refold(string text)
    {
        var sb = new StringBuilder(text.Length + text.Length / 64);
        foreach (var line in text.Replace("\r\n ", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var (octets, at) = (0, 0);
            foreach (var rune in line.EnumerateRunes())
            {
                // Fold only before another code point, so a line ending on the limit gets no empty continuation.
                if (octets + rune.Utf8SequenceLength > MaxOctets)
                {
                    sb.Append("\r\n ");
                    octets = 1; // the leading space counts
                }
                sb.Append(line, at, rune.Utf16SequenceLength);
                octets += rune.Utf8SequenceLength;
                at += rune.Utf16SequenceLength;
            }
            sb.Append("\r\n");
        }
        return sb.ToString();
    }
}
