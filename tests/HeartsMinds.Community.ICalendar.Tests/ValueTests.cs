namespace HeartsMinds.Community.ICalendar.Tests;

public class ValueTests
{
    [Fact]
    public void Utc_values_end_in_Z_and_never_carry_a_TZID()
    {
        var t = CalendarTime.Utc(new DateTime(2026, 12, 8, 12, 30, 0, DateTimeKind.Utc));
        Assert.Equal("DTSTART:20261208T123000Z", t.ToProperty("DTSTART"));
        Assert.Equal("DTSTART:20261208T123000Z", CalendarTime.Utc(new DateTimeOffset(2026, 12, 8, 13, 30, 0, TimeSpan.FromHours(1))).ToProperty("DTSTART"));
    }

    [Fact]
    public void Local_values_carry_the_TZID_and_no_Z()
    {
        Assert.Equal("DTSTART;TZID=Europe/London:20261208T123000", Samples.LondonTime(2026, 12, 8, 12, 30).ToProperty("DTSTART"));
    }

    [Fact]
    public void Dates_carry_VALUE_DATE()
    {
        Assert.Equal("DTSTART;VALUE=DATE:20261208", CalendarTime.Date(new DateOnly(2026, 12, 8)).ToProperty("DTSTART"));
    }

    [Fact]
    public void The_UTC_zone_cannot_be_used_as_a_TZID()
    {
        Assert.Throws<ArgumentException>(() => CalendarTime.Local(new DateTime(2026, 1, 1), TimeZoneInfo.Utc));
    }

    [Fact]
    public void No_line_of_a_calendar_puts_a_TZID_on_a_UTC_value()
    {
        var utcEvent = new CalendarEvent("u1@x", Samples.Stamp, CalendarTime.Utc(new DateTime(2026, 12, 8, 12, 30, 0, DateTimeKind.Utc)))
        {
            End = CalendarTime.Utc(new DateTime(2026, 12, 8, 13, 30, 0, DateTimeKind.Utc)),
            ExceptionDates = [CalendarTime.Utc(new DateTime(2027, 1, 12, 12, 30, 0, DateTimeKind.Utc))],
            RecurrenceRule = "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20271231T235959Z",
        };
        var calendars = new[] { new Calendar("p") { Events = [utcEvent] }, Samples.Series(), Samples.Invite() };
        foreach (var calendar in calendars)
            foreach (var line in ContentLine.Unfold(calendar.ToString()).Split("\r\n"))
                Assert.False(line.Contains("TZID=") && line.EndsWith('Z'), line);
        var text = calendars[0].ToString();
        Assert.DoesNotContain("VTIMEZONE", text); // no local times, so no zone to define
        Assert.Contains("DTSTART:20261208T123000Z\r\n", text);
        Assert.Contains("EXDATE:20270112T123000Z\r\n", text);
    }

    [Fact]
    public void Dtstamp_is_written_in_UTC_even_from_a_local_DateTime()
    {
        var local = new DateTime(2026, 7, 1, 10, 0, 0, DateTimeKind.Local);
        var text = new Calendar("p") { Events = [new CalendarEvent("u@x", local, CalendarTime.Date(new DateOnly(2026, 7, 1)))] }.ToString();
        Assert.Contains("DTSTAMP:" + local.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss") + "Z\r\n", text);
    }

    [Fact]
    public void Series_writes_rule_exdate_with_the_same_TZID_and_a_recurrence_id_override()
    {
        var text = ContentLine.Unfold(Samples.Series().ToString());
        Assert.Contains("RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=12\r\n", text);
        Assert.Contains("EXDATE;TZID=Europe/London:20260609T123000\r\n", text);
        Assert.Contains("RECURRENCE-ID;TZID=Europe/London:20260414T123000\r\n", text);
        Assert.Equal(1, text.Split("BEGIN:VTIMEZONE").Length - 1); // one zone, written once
    }

    [Fact]
    public void Alarm_triggers_are_durations_before_the_start()
    {
        var text = Samples.Invite().ToString();
        Assert.Contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P2D\r\n", text);
        Assert.Contains("TRIGGER:-PT1H\r\n", text);
        Assert.Equal("P1DT2H30M", CalendarWriter.Duration(new TimeSpan(1, 2, 30, 0)));
    }

    [Fact]
    public void Calendar_has_product_version_and_method()
    {
        var text = Samples.Invite().ToString();
        Assert.StartsWith("BEGIN:VCALENDAR\r\nPRODID:-//Hearts & Minds Partnership//Community//EN\r\nVERSION:2.0\r\n", text);
        Assert.Contains("\r\nMETHOD:REQUEST\r\n", text);
        Assert.EndsWith("END:VCALENDAR\r\n", text);
        Assert.DoesNotContain("METHOD", Samples.Series().ToString());
    }
}
