namespace HeartsMinds.Community.ICalendar.Tests;

public class TimeZoneTests
{
    [Fact]
    public void Europe_London_has_BST_from_last_Sunday_of_March_and_GMT_from_last_Sunday_of_October()
    {
        var expected = new[]
        {
            "BEGIN:VTIMEZONE", "TZID:Europe/London",
            "BEGIN:DAYLIGHT", "DTSTART:19700329T010000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
            "BEGIN:STANDARD", "DTSTART:19701025T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
            "END:VTIMEZONE",
        };
        Assert.Equal(expected, TimeZoneComponent.Lines(Samples.London, 2026));
        Assert.Equal(expected, TimeZoneComponent.Lines(Samples.London, 2031)); // a year where 31 March is a Monday
    }

    [Fact]
    public void New_York_uses_second_Sunday_of_March_and_first_Sunday_of_November()
    {
        var lines = TimeZoneComponent.Lines(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), 2026);
        Assert.Contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", lines);
        Assert.Contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", lines);
        Assert.Contains("DTSTART:19700308T020000", lines);
        Assert.Contains("DTSTART:19701101T020000", lines);
        Assert.Contains("TZOFFSETFROM:-0500", lines);
        Assert.Contains("TZNAME:EDT", lines);
    }

    [Fact]
    public void Southern_hemisphere_zone_starts_daylight_time_in_October()
    {
        var lines = TimeZoneComponent.Lines(TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney"), 2026).ToList();
        var daylight = lines.IndexOf("BEGIN:DAYLIGHT");
        Assert.Equal("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU", lines[daylight + 5]);
        Assert.Equal("TZOFFSETTO:+1100", lines[daylight + 3]);
    }

    [Fact]
    public void A_zone_without_daylight_time_gets_a_single_standard_observance()
    {
        var lines = TimeZoneComponent.Lines(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), 2026);
        Assert.Equal(
            ["BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0900",
             "TZOFFSETTO:+0900", "TZNAME:JST", "END:STANDARD", "END:VTIMEZONE"],
            lines);
    }

    [Fact]
    public void Offsets_are_signed_hours_and_minutes()
    {
        Assert.Equal("+0530", TimeZoneComponent.Offset(TimeSpan.FromMinutes(330)));
        Assert.Equal("-0330", TimeZoneComponent.Offset(TimeSpan.FromMinutes(-210)));
        Assert.Equal("+0000", TimeZoneComponent.Offset(TimeSpan.Zero));
    }
}
