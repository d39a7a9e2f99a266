using HeartsMinds.Community.Features.Calendar;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.Extensions.Options;
using static HeartsMinds.Community.Tests.Calendar.CalendarText;

namespace HeartsMinds.Community.Tests.Calendar;

/// <summary>The series entry worked out from session rows, in the cases the staff pages can produce, checked by ical.js.</summary>
public sealed class SeriesCalendarTests
{
    private static readonly EventCalendar Calendar = new(Options.Create(new SiteOptions()), Options.Create(new MailOptions()));
    private static readonly DateOnly Today = new(2027, 1, 20);

    [Fact]
    public void A_series_starting_after_this_months_date_with_no_sessions_yet_begins_next_month_with_no_exceptions()
    {
        // Second Tuesdays; 13 April 2027 has passed by 14 April, and 11 May is the next.
        var series = Series(startsOn: new DateOnly(2027, 4, 14));

        var ics = Write(series, []);

        Assert.Equal("DTSTART;TZID=Europe/London:20270511T123000", One(ics, "DTSTART"));
        Assert.Empty(All(ics, "EXDATE"));
        Assert.Equal(["2027-05-11T11:30:00Z", "2027-06-08T11:30:00Z", "2027-07-13T11:30:00Z"], Starts(ics, 3));
    }

    [Fact]
    public void Sessions_on_an_older_pattern_are_history_and_the_entry_follows_the_current_one()
    {
        var series = Series(startsOn: new DateOnly(2026, 10, 1));
        var old = new[] { new DateOnly(2026, 10, 27), new DateOnly(2026, 11, 24) }.Select(d => Session(series, d)); // last Tuesdays
        series.WeekOfMonth = 2;
        series.DayOfWeek = DayOfWeek.Wednesday;
        var current = new[] { new DateOnly(2026, 12, 9), new DateOnly(2027, 1, 13), new DateOnly(2027, 2, 10) }.Select(d => Session(series, d)).ToList();

        var ics = Write(series, [.. old, .. current]);

        Assert.Equal("RRULE:FREQ=MONTHLY;BYDAY=2WE", One(ics, "RRULE"));
        Assert.Equal(current.Select(s => Utc(s.StartsAt)), Starts(ics, 3));
    }

    [Fact]
    public void A_session_moved_past_its_neighbour_becomes_an_entry_of_its_own_and_its_date_an_exception()
    {
        var series = Series(startsOn: new DateOnly(2027, 1, 1));
        var sessions = new[] { new DateOnly(2027, 1, 12), new DateOnly(2027, 2, 9), new DateOnly(2027, 3, 9) }.Select(d => Session(series, d)).ToList();
        var moved = sessions[0];
        moved.StartsAt = moved.StartsAt.AddDays(35); // 16 February: after February's session
        moved.EndsAt = moved.EndsAt.AddDays(35);
        var shifted = sessions[1];
        shifted.StartsAt = shifted.StartsAt.AddHours(1); // 13:30 the same day: an ordinary moved occurrence
        moved.Sequence = shifted.Sequence = 1; // as telling their attendees did

        var ics = Write(series, sessions);

        Assert.Equal("EXDATE;TZID=Europe/London:20270112T123000", One(ics, "EXDATE"));
        Assert.Equal("RECURRENCE-ID;TZID=Europe/London:20270209T123000", One(ics, "RECURRENCE-ID"));
        Assert.Contains($"UID:{EventCalendar.Uid(moved.Uid)}", All(ics, "UID"));
        Assert.Equal("SEQUENCE:2", All(ics, "SEQUENCE")[0]); // the series entry changed with its sessions
        // The series itself: February at 13:30, then March.
        Assert.Equal([Utc(shifted.StartsAt), Utc(sessions[2].StartsAt)], Starts(ics, 2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(-1)]
    public void The_rule_written_for_each_pattern_gives_the_dates_the_planner_makes_sessions_on(int week)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var series = Series(startsOn: Today);
            (series.WeekOfMonth, series.DayOfWeek) = (week, day);

            // Read back and expanded by Ical.Net itself: two years of the rule, in UK time.
            var occurrences = Ical.Net.Calendar.Load(Write(series, []))!.Events.Single().GetOccurrences().Take(24).ToList();

            var first = series.FirstDateFrom(Today);
            Assert.Equal(MonthlyPattern.Dates(week, day, first, first.AddYears(2)).Take(24), occurrences.Select(o => o.Period.StartTime.Date));
            Assert.All(occurrences, o => Assert.Equal(series.StartTime, o.Period.StartTime.Time));
        }
    }

    private static ConversationSpaceSeries Series(DateOnly startsOn) => new()
    {
        Id = 7,
        StartsOn = startsOn,
        Description = "A trusted space to **share learning**.",
        JoiningUrl = "https://zoom.example/j/series-secret",
    };

    private static Event Session(ConversationSpaceSeries series, DateOnly date) => SeriesPlanner.NewSession(series, date);

    private static string Write(ConversationSpaceSeries series, IReadOnlyList<Event> sessions)
    {
        var ics = EventCalendar.Publish(SeriesCalendar.Entries(series, sessions, Today, "https://localhost/conversation-space", Calendar.ForPublic));
        Assert.DoesNotContain("series-secret", ics);
        return ics;
    }

    private static string[] Starts(string ics, int count) =>
        AcceptedByAllParsers(ics).GetProperty("occurrences").EnumerateArray().Take(count).Select(o => o.GetProperty("start").GetString()!).ToArray();
}
