using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Web;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
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
    /// <param name="sessions">Every session of the series.</param>
    /// <param name="today">The UK date today: a series with no sessions yet starts from its first date to come.</param>
    /// <param name="describe">The public entry of a session, for one that is moved or stands on its own.</param>
    /// <param name="dropped">Sessions left out as if cancelled: those one person said they can't come to.</param>
    public static IReadOnlyList<CalendarEvent> Entries(ConversationSpaceSeries series, IReadOnlyList<Event> sessions,
        DateOnly today, string seriesUrl, Func<Event, CalendarEvent> describe, IReadOnlySet<long>? dropped = null)
    {
        var byDate = sessions.Where(s => s.OccurrenceDate is not null).ToDictionary(s => s.OccurrenceDate!.Value);
        // Sessions up to the last one off the pattern followed an older pattern: they are history, left out.
        var lastOffPattern = byDate.Keys.Where(d => !series.IsOnPattern(d)).DefaultIfEmpty(DateOnly.MinValue).Max();
        var run = byDate.Keys.Where(d => d > lastOffPattern && series.IsOnPattern(d)).Order().ToList();
        var first = run.Count > 0 ? run[0] : series.FirstDateFrom(series.StartsOn > today ? series.StartsOn : today);
        // The entry changes whenever the series or any session does: a sum of sequences only ever goes up (rows are never deleted).
        var sequence = series.Sequence + sessions.Sum(s => s.Sequence);
        var stamp = sessions.Select(s => s.UpdatedAt).Append(series.UpdatedAt).Max();

        var exceptions = new List<CalDateTime>();
        var changed = new List<CalendarEvent>();
        foreach (var date in run.Count == 0 ? [] : MonthlyPattern.Dates(series.WeekOfMonth, series.DayOfWeek, first, run[^1]))
        {
            if (!byDate.TryGetValue(date, out var session) || session.Status != EventStatus.Published || dropped?.Contains(session.Id) == true)
            {
                exceptions.Add(PlannedStart(series, date));
            }
            else if (session.StartsAt != Planned(series, date, series.StartTime) || session.EndsAt != Planned(series, date, series.EndTime))
            {
                // Outlook keeps a moved occurrence only between its neighbours; one moved further is an entry of its own.
                var staysBetween = session.StartsAt > Planned(series, DateIn(series, date.AddMonths(-1)), series.StartTime)
                                   && session.StartsAt < Planned(series, DateIn(series, date.AddMonths(1)), series.StartTime);
                if (staysBetween)
                {
                    var occurrence = describe(session);
                    occurrence.Uid = EventCalendar.Uid(series.Uid);
                    occurrence.RecurrenceIdentifier = new RecurrenceIdentifier(PlannedStart(series, date));
                    occurrence.Sequence = sequence;
                    changed.Add(occurrence);
                }
                else
                {
                    exceptions.Add(PlannedStart(series, date));
                    changed.Add(describe(session));
                }
            }
        }

        var master = new CalendarEvent
        {
            Uid = EventCalendar.Uid(series.Uid),
            DtStamp = EventCalendar.Utc(stamp),
            DtStart = PlannedStart(series, first),
            DtEnd = EventCalendar.Local(Planned(series, first, series.EndTime), series.TimeZoneId),
            Summary = series.Title,
            Description = string.Join("\n\n", new[]
            {
                Markdown.ToPlainText(series.Description),
                $"{series.PatternDescription}, online.",
                $"{PublicEvents.JoiningLinkByEmail} Register for one session or for every session: {seriesUrl}",
            }.Where(p => p.Length > 0)),
            Location = "Online",
            Url = new Uri(seriesUrl),
            Sequence = sequence,
            Status = Ical.Net.EventStatus.Confirmed,
            RecurrenceRule = new RecurrenceRule(FrequencyType.Monthly) { ByDay = [new WeekDay(series.DayOfWeek, series.WeekOfMonth)] },
        };
        master.ExceptionDates.AddRange(exceptions);
        return [master, .. changed];
    }

    /// <summary>The pattern's date in the month of <paramref name="month"/>.</summary>
    private static DateOnly DateIn(ConversationSpaceSeries series, DateOnly month) =>
        MonthlyPattern.DateIn(month.Year, month.Month, series.WeekOfMonth, series.DayOfWeek);

    private static DateTimeOffset Planned(ConversationSpaceSeries series, DateOnly date, TimeOnly time) =>
        EventTime.ToInstant(date, time, series.TimeZoneId);

    private static CalDateTime PlannedStart(ConversationSpaceSeries series, DateOnly date) =>
        EventCalendar.Local(Planned(series, date, series.StartTime), series.TimeZoneId);
}
