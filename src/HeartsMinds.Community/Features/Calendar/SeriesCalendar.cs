using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.ICalendar;
using HeartsMinds.Community.Platform.Web;
using CalendarStatus = HeartsMinds.Community.ICalendar.EventStatus;
using EventStatus = HeartsMinds.Community.Features.Events.EventStatus;

namespace HeartsMinds.Community.Features.Calendar;

/// <summary>
/// A Conversation Space series as one recurring calendar entry: an RRULE for the pattern, an EXDATE for each
/// session that is cancelled (or missing), and a RECURRENCE-ID entry for each session staff moved. Expanded by a
/// calendar app, it gives the same instants as the session rows; beyond the last row it goes on with the pattern,
/// as the nightly planner will.
/// </summary>
public static class SeriesCalendar
{
    private static readonly string[] Days = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    /// <param name="sessions">Every session of the series.</param>
    /// <param name="describe">The public entry of a session that falls outside the pattern (staff added it by hand).</param>
    public static IReadOnlyList<CalendarEvent> Entries(ConversationSpaceSeries series, IReadOnlyList<Event> sessions,
        string seriesUrl, Func<Event, CalendarEvent> describe)
    {
        var byDate = sessions.Where(s => s.OccurrenceDate is not null).ToDictionary(s => s.OccurrenceDate!.Value);
        var onPattern = byDate.Keys.Where(series.IsOnPattern).Order().ToList();
        var last = onPattern.Count > 0 ? onPattern[^1] : series.FirstDate;
        // The current pattern's run: sessions before the last one off the pattern followed an older pattern and are history.
        var lastOffPattern = byDate.Keys.Where(d => !series.IsOnPattern(d) && d < last).DefaultIfEmpty(DateOnly.MinValue).Max();
        var first = onPattern.FirstOrDefault(d => d > lastOffPattern, series.FirstDate);

        var entries = new List<CalendarEvent>();
        var exceptions = new List<CalendarTime>();
        var overrides = new List<CalendarEvent>();
        foreach (var date in MonthlyPattern.Dates(series.WeekOfMonth, series.DayOfWeek, first, last))
        {
            var planned = PlannedStart(series, date);
            if (!byDate.TryGetValue(date, out var session) || session.Status != EventStatus.Published)
                exceptions.Add(planned);
            else if (session.StartsAt != EventTime.ToInstant(date, series.StartTime, series.TimeZoneId)
                     || session.EndsAt != EventTime.ToInstant(date, series.EndTime, series.TimeZoneId))
                overrides.Add(describe(session) with
                {
                    Uid = EventCalendar.Uid(series.Uid),
                    RecurrenceId = planned,
                    Sequence = series.Sequence,
                });
        }

        entries.Add(new CalendarEvent(EventCalendar.Uid(series.Uid), series.UpdatedAt.UtcDateTime, PlannedStart(series, first))
        {
            End = EventCalendar.Local(EventTime.ToInstant(first, series.EndTime, series.TimeZoneId), series.TimeZoneId),
            Summary = series.Title,
            Description = string.Join("\n\n", new[]
            {
                Markdown.ToPlainText(series.Description),
                $"{series.PatternDescription}, online.",
                $"The joining link is emailed to each person with a place. Register for one session or for every session: {seriesUrl}",
            }.Where(p => p.Length > 0)),
            Location = "Online",
            Url = new Uri(seriesUrl),
            Sequence = series.Sequence,
            Status = CalendarStatus.Confirmed,
            RecurrenceRule = Rule(series, last),
            ExceptionDates = exceptions,
        });
        entries.AddRange(overrides);
        // Sessions staff added outside the pattern (a second one in a month) are entries of their own.
        entries.AddRange(sessions
            .Where(s => s.OccurrenceDate is { } d && d > last && !series.IsOnPattern(d) && s.Status == EventStatus.Published)
            .Select(describe));
        return entries;
    }

    /// <summary>"FREQ=MONTHLY;BYDAY=2TU", ending at the last session when the series has been paused.</summary>
    private static string Rule(ConversationSpaceSeries series, DateOnly last)
    {
        var rule = $"FREQ=MONTHLY;BYDAY={series.WeekOfMonth}{Days[(int)series.DayOfWeek]}";
        if (series.IsActive) return rule;
        var until = EventTime.ToInstant(last, series.StartTime, series.TimeZoneId).UtcDateTime;
        return rule + $";UNTIL={CalendarTime.Utc(until).FormatValue()}";
    }

    private static CalendarTime PlannedStart(ConversationSpaceSeries series, DateOnly date) =>
        EventCalendar.Local(EventTime.ToInstant(date, series.StartTime, series.TimeZoneId), series.TimeZoneId);
}
