using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;

namespace HeartsMinds.Community.Tests.Calendar;

/// <summary>
/// What Ical.Net 5.2.4 does on its own, which CalendarWriter works around (docs/decisions/0010). When one of these
/// fails, Ical.Net has changed: check whether the workaround it names can go.
/// </summary>
public sealed class IcalNetFactsTests
{
    [Fact]
    public void A_VTIMEZONE_made_from_its_id_alone_is_empty_so_we_build_it_from_the_zones_rules()
    {
        var empty = Serialize(new VTimeZone("Europe/London"));
        Assert.Contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n", empty);
        Assert.DoesNotContain("BEGIN:STANDARD", empty);
        Assert.DoesNotContain("BEGIN:DAYLIGHT", empty);

        var built = Serialize(VTimeZone.FromDateTimeZone("Europe/London", new DateTime(2027, 1, 1), includeHistoricalData: false));
        Assert.Contains("BEGIN:STANDARD", built);
        Assert.Contains("BEGIN:DAYLIGHT", built);
    }

    [Fact]
    public void Its_folding_can_split_a_surrogate_pair_so_CalendarWriter_folds_again()
    {
        // Counting each half of the pair as a character of its own, it fits the first half on the line and not the second.
        var ics = Serialize(Event(summary: new string('a', 64) + "😀"));
        Assert.Contains("SUMMARY:" + new string('a', 64) + "\uD83D\r\n \uDE00", ics);
    }

    [Fact]
    public void It_writes_a_line_break_in_a_name_as_it_is_so_CalendarWriter_drops_control_characters()
    {
        var ev = Event(summary: "Tea\u0007");
        ev.Attendees.Add(new Attendee("mailto:sam@acacia.example") { CommonName = "Sam\r\nX-INJECTED:1" });
        var ics = Serialize(ev);
        Assert.Contains("\r\nX-INJECTED:1", ics); // a line of its own: the calendar is broken
        Assert.Contains("SUMMARY:Tea\u0007\r\n", ics);
    }

    private static CalendarEvent Event(string summary) => new()
    {
        Uid = "facts@heartsandminds-community",
        DtStamp = new CalDateTime(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
        DtStart = new CalDateTime(new DateTime(2027, 1, 12, 12, 30, 0), "Europe/London"),
        Summary = summary,
    };

    private static string Serialize(VTimeZone zone)
    {
        var calendar = new IcalCalendar();
        calendar.AddTimeZone(zone);
        return new CalendarSerializer(calendar).SerializeToString()!;
    }

    private static string Serialize(CalendarEvent ev)
    {
        var calendar = new IcalCalendar();
        calendar.Events.Add(ev);
        return new CalendarSerializer(calendar).SerializeToString()!;
    }
}
