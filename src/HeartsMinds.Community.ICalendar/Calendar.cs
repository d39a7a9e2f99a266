using System.Globalization;
using System.Text;

namespace HeartsMinds.Community.ICalendar;

public enum EventStatus { Tentative, Confirmed, Cancelled }

/// <summary>An organizer or attendee, written as a mailto: address with an optional common name (CN).</summary>
public sealed record CalendarPerson(string Email, string? Name = null)
{
    /// <summary>Whether the address can be written as a calendar address at all (no spaces, controls or quotes).</summary>
    public static bool IsUsable(string email) =>
        !string.IsNullOrWhiteSpace(email) && !email.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '"');

    /// <summary>
    /// A mailto: URI (RFC 6068): characters that would end or change the URI ('%', '?', '#', '/', brackets, non-ASCII)
    /// are percent-encoded as UTF-8, so "a?b@x.org" is not read as the address "a" with a query.
    /// </summary>
    internal string ToUri()
    {
        // The address goes out as a URI, so anything that could end the line or the value is refused.
        if (!IsUsable(Email)) throw new ArgumentException($"Not a usable email address: '{Email}'.");
        var uri = new StringBuilder("mailto:");
        foreach (var b in Encoding.UTF8.GetBytes(Email))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "!$&'()*+,;=-._~@".Contains(c))) uri.Append(c);
            else uri.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return uri.ToString();
    }
}

/// <summary>A display reminder (VALARM) some time before the start.</summary>
public sealed record CalendarAlarm(TimeSpan Before, string Description);

/// <summary>
/// One VEVENT. A recurring series is one event with <see cref="RecurrenceRule"/> (and <see cref="ExceptionDates"/>);
/// a changed occurrence is a second event with the same UID and <see cref="RecurrenceId"/> set.
/// </summary>
public sealed record CalendarEvent(string Uid, DateTime Stamp, CalendarTime Start)
{
    public CalendarTime? End { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public string? Location { get; init; }
    public Uri? Url { get; init; }
    /// <summary>Raised with every change sent to attendees (RFC 5546 §2.1.4); null writes no SEQUENCE.</summary>
    public int? Sequence { get; init; }
    public EventStatus? Status { get; init; }
    public CalendarPerson? Organizer { get; init; }
    /// <summary>Written as REQ-PARTICIPANT, NEEDS-ACTION, RSVP=TRUE: the only kind of attendee we invite.</summary>
    public IReadOnlyList<CalendarPerson> Attendees { get; init; } = [];
    /// <summary>The RRULE value, e.g. "FREQ=MONTHLY;BYDAY=2TU" (UNTIL, if any, in UTC).</summary>
    public string? RecurrenceRule { get; init; }
    public IReadOnlyList<CalendarTime> ExceptionDates { get; init; } = [];
    public CalendarTime? RecurrenceId { get; init; }
    public IReadOnlyList<CalendarAlarm> Alarms { get; init; } = [];
}

/// <summary>
/// A VCALENDAR. <see cref="ToString"/> gives the whole text. Every zone used by a local time is written as a
/// VTIMEZONE automatically, so a TZID never points at a zone the file does not define.
/// </summary>
public sealed record Calendar(string ProductId)
{
    /// <summary>iTIP method ("REQUEST", "CANCEL", "PUBLISH"); null for downloads and feeds.</summary>
    public string? Method { get; init; }
    /// <summary>The name a subscribing app shows for a feed (NAME, RFC 7986, and X-WR-CALNAME for older apps).</summary>
    public string? Name { get; init; }
    /// <summary>How often a subscribing app should fetch a feed again (REFRESH-INTERVAL, RFC 7986, and X-PUBLISHED-TTL).</summary>
    public TimeSpan? RefreshInterval { get; init; }
    public IReadOnlyList<CalendarEvent> Events { get; init; } = [];

    public override string ToString() => CalendarWriter.Write(this);
}

/// <summary>Turns a <see cref="Calendar"/> into RFC 5545 text.</summary>
public static class CalendarWriter
{
    public static string Write(Calendar calendar)
    {
        var sb = new StringBuilder();
        void Line(string line) => ContentLine.Append(sb, line);

        Line("BEGIN:VCALENDAR");
        Line("PRODID:" + CalendarText.Escape(calendar.ProductId));
        Line("VERSION:2.0");
        Line("CALSCALE:GREGORIAN");
        if (calendar.Method is { } method) Line("METHOD:" + Token(method));
        if (calendar.Name is { } name)
        {
            Line("NAME:" + Text(name));
            Line("X-WR-CALNAME:" + Text(name));
        }
        if (calendar.RefreshInterval is { } refresh)
        {
            Line("REFRESH-INTERVAL;VALUE=DURATION:" + Duration(refresh));
            Line("X-PUBLISHED-TTL:" + Duration(refresh));
        }

        var zones = calendar.Events
            .SelectMany(e => new[] { e.Start, e.End, e.RecurrenceId }.OfType<CalendarTime>().Concat(e.ExceptionDates))
            .Where(t => t.Kind == CalendarTimeKind.Local)
            .Select(t => t.Zone!)
            .DistinctBy(z => z.Id);
        foreach (var zone in zones)
            foreach (var line in TimeZoneComponent.Lines(zone))
                Line(line);

        foreach (var e in calendar.Events) WriteEvent(e, Line);
        Line("END:VCALENDAR");
        return sb.ToString();
    }

    private static void WriteEvent(CalendarEvent e, Action<string> line)
    {
        line("BEGIN:VEVENT");
        line("UID:" + CalendarText.Escape(e.Uid));
        line(CalendarTime.Utc(e.Stamp).ToProperty("DTSTAMP")); // DTSTAMP is always UTC (RFC 5545 §3.8.7.2)
        line(e.Start.ToProperty("DTSTART"));
        if (e.End is { } end) line(end.ToProperty("DTEND"));
        if (e.RecurrenceId is { } rid) line(rid.ToProperty("RECURRENCE-ID"));
        if (e.RecurrenceRule is { } rule) line("RRULE:" + Rule(rule));
        if (e.ExceptionDates.Count > 0)
        {
            // One EXDATE line per distinct form, since the TZID/VALUE parameter applies to the whole list.
            foreach (var group in e.ExceptionDates.GroupBy(d => d.Parameters))
                line("EXDATE" + group.Key + ":" + string.Join(",", group.Select(d => d.FormatValue())));
        }
        if (e.Sequence is { } seq) line("SEQUENCE:" + seq.ToString(CultureInfo.InvariantCulture));
        if (e.Status is { } status) line("STATUS:" + status.ToString().ToUpperInvariant());
        if (e.Summary is { } summary) line("SUMMARY:" + Text(summary));
        if (e.Description is { } description) line("DESCRIPTION:" + Text(description));
        if (e.Location is { } location) line("LOCATION:" + Text(location));
        if (e.Url is { } url) line("URL:" + url.AbsoluteUri); // AbsoluteUri is already percent-encoded
        if (e.Organizer is { } organizer) line("ORGANIZER" + Cn(organizer) + ":" + organizer.ToUri());
        foreach (var attendee in e.Attendees)
            line("ATTENDEE" + Cn(attendee) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:" + attendee.ToUri());
        foreach (var alarm in e.Alarms)
        {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line("TRIGGER:-" + Duration(alarm.Before));
            line("DESCRIPTION:" + Text(alarm.Description));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }

    /// <summary>
    /// Escaped TEXT without leading or trailing spaces and tabs: libical (Evolution, and others built on it) drops
    /// them when reading, so leaving them in would make clients disagree about the text. An escape never begins or
    /// ends with whitespace, so trimming the escaped form trims exactly the value's own ends.
    /// </summary>
    private static string Text(string value) => CalendarText.Escape(value).Trim(' ', '\t');

    private static string Cn(CalendarPerson person) =>
        string.IsNullOrWhiteSpace(person.Name) ? "" : ";CN=" + CalendarText.ParameterValue(person.Name);

    private static string Token(string value)
    {
        if (value.Length == 0 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new ArgumentException($"Not an iCalendar token: '{value}'.");
        return value.ToUpperInvariant();
    }

    private static string Rule(string rule)
    {
        // RRULE is structured text we pass through; refuse anything that could break out of the line.
        if (rule.Any(c => char.IsControl(c) || c == ':' || char.IsWhiteSpace(c)))
            throw new ArgumentException($"Not a recurrence rule: '{rule}'.");
        return rule;
    }

    /// <summary>RFC 5545 §3.3.6 DURATION, e.g. "P2D" or "PT1H30M" (no months or years exist in this format).</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(span), "Alarms are set before the start.");
        if (span == TimeSpan.Zero) return "PT0S";
        var sb = new StringBuilder("P");
        if (span.Days > 0) sb.Append(span.Days).Append('D');
        if (span.Hours > 0 || span.Minutes > 0 || span.Seconds > 0)
        {
            sb.Append('T');
            if (span.Hours > 0) sb.Append(span.Hours).Append('H');
            if (span.Minutes > 0) sb.Append(span.Minutes).Append('M');
            if (span.Seconds > 0) sb.Append(span.Seconds).Append('S');
        }
        return sb.ToString();
    }
}
