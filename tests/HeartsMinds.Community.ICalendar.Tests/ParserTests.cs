using System.Text.Json;

namespace HeartsMinds.Community.ICalendar.Tests;

/// <summary>Our output, read by libical, vobject and ical.js.</summary>
public class ParserTests
{
    public static TheoryData<string> CalendarNames => ["series", "invite", "cancel"];

    private static Calendar Named(string name) => name switch
    {
        "series" => Samples.Series(),
        "invite" => Samples.Invite(),
        _ => Samples.Cancel(),
    };

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void Libical_accepts_the_calendar_without_errors(string name)
    {
        var result = ExternalParsers.Libical(Named(name).ToString());
        Assert.True(result.GetProperty("restrictionsOk").GetBoolean());
        Assert.Empty(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(Named(name).Events[0].Summary, result.GetProperty("events")[0].GetProperty("summary").GetString());
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void Vobject_validates_the_calendar(string name)
    {
        var result = ExternalParsers.Vobject(Named(name).ToString());
        var first = result.GetProperty("events")[0];
        Assert.Equal(Named(name).Events[0].Summary, first.GetProperty("summary").GetString());
        Assert.Equal(Named(name).Events[0].Description, first.GetProperty("description").GetString());
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void Icaljs_reads_the_calendar(string name)
    {
        var result = ExternalParsers.IcalJs(Named(name).ToString());
        var first = result.GetProperty("events")[0];
        Assert.Equal(Named(name).Events[0].Summary, first.GetProperty("summary").GetString());
        Assert.Equal("Europe/London", first.GetProperty("zone").GetString());
    }

    [Fact]
    public void Invite_and_cancel_keep_the_uid_raise_the_sequence_and_convert_to_the_right_instant()
    {
        var invite = ExternalParsers.IcalJs(Samples.Invite().ToString()).GetProperty("events")[0];
        var cancel = ExternalParsers.IcalJs(Samples.Cancel().ToString()).GetProperty("events")[0];
        Assert.Equal(invite.GetProperty("uid").GetString(), cancel.GetProperty("uid").GetString());
        Assert.True(cancel.GetProperty("sequence").GetInt32() > invite.GetProperty("sequence").GetInt32());
        // 31 March 2026 is after the clock change (29 March): 10:00 BST is 09:00 UTC.
        Assert.Equal("2026-03-31T09:00:00Z", invite.GetProperty("start").GetString());
        var vobject = ExternalParsers.Vobject(Samples.Cancel().ToString()).GetProperty("events")[0];
        Assert.Equal("2026-03-31T09:00:00Z", vobject.GetProperty("start").GetString());

        var text = ContentLine.Unfold(Samples.Cancel().ToString());
        Assert.Contains("\r\nMETHOD:CANCEL\r\n", text);
        Assert.Contains("\r\nSTATUS:CANCELLED\r\n", text);
        Assert.Contains("\r\nSEQUENCE:2\r\n", text);
    }

    [Fact]
    public void Icaljs_expands_the_monthly_series_through_the_VTIMEZONE_across_both_clock_changes()
    {
        var result = ExternalParsers.IcalJs(Samples.Series().ToString());
        var starts = result.GetProperty("occurrences").EnumerateArray()
            .Select(o => o.GetProperty("start").GetString()).ToArray();
        // Second Tuesdays of 2026 at 12:30 London: 12:30Z in GMT, 11:30Z in BST (29 March to 25 October).
        // June 9 is removed by EXDATE; April 14 is moved by a RECURRENCE-ID override to Thursday 16 at 14:00 BST.
        string[] expected =
        [
            "2026-01-13T12:30:00Z", "2026-02-10T12:30:00Z", "2026-03-10T12:30:00Z", // before the March change
            "2026-04-16T13:00:00Z", // the moved one
            "2026-05-12T11:30:00Z", "2026-07-14T11:30:00Z", "2026-08-11T11:30:00Z", "2026-09-08T11:30:00Z",
            "2026-10-13T11:30:00Z", // before the October change
            "2026-11-10T12:30:00Z", "2026-12-08T12:30:00Z", // after it
        ];
        Assert.Equal(expected, starts);
        var moved = result.GetProperty("occurrences")[3];
        Assert.Equal("2026-04-14T11:30:00Z", moved.GetProperty("recurrenceId").GetString());
        Assert.Equal("2026-04-16T14:30:00Z", moved.GetProperty("end").GetString());
        Assert.Equal("2026-12-08T14:00:00Z", result.GetProperty("occurrences")[10].GetProperty("end").GetString());
    }
}
