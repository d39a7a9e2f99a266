using System.Text;
using HeartsMinds.Community.Features.Calendar;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.Extensions.Options;
using static HeartsMinds.Community.Tests.Calendar.CalendarText;

namespace HeartsMinds.Community.Tests.Calendar;

/// <summary>
/// RFC 5545 framing of the calendars the app writes (invitations and published calendars, through Ical.Net): CRLF,
/// folding at 75 octets between whole characters, TEXT escaping and quoted parameter values. No database needed.
/// </summary>
public sealed class CalendarFramingTests
{
    private const string Organizer = "community@heartsandminds.example";
    private static readonly EventCalendar Calendar = new(Options.Create(new SiteOptions()), Options.Create(new MailOptions()));
    private static readonly DateTimeOffset Start = SecondTuesdayNextYear(4);

    [Fact]
    public void Long_text_with_accents_CJK_and_emoji_is_framed_right_and_read_back_intact_by_every_parser()
    {
        var ev = InPerson(e =>
        {
            e.Title = "Café afternoon 🎉 for families, carers; and friends \\ 中文 " + string.Concat(Enumerable.Repeat("👩‍👩‍👧🏳️‍🌈😀", 12));
            e.VenueName = "Zoë's Hall 🏛️, " + string.Concat(Enumerable.Repeat("Ελληνικά Кириллица ", 6));
        });
        var attendee = Person("Zoë O'Neil, Acacia: Family Support 👩‍👩‍👧 " + new string('x', 80), "zoë.oneil@acacia.example");

        var invitation = Calendar.Invitation(ev, attendee.Email, attendee.Name, cancel: false, Start.AddDays(-30))!.Content;
        var published = EventCalendar.Publish([Calendar.ForPublic(ev)], "Zoë's feed 🎉, " + new string('y', 80));

        foreach (var ics in new[] { invitation, published })
        {
            AssertWellFramed(ics);
            Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics);
            Assert.EndsWith("END:VCALENDAR\r\n", ics);
            Assert.Equal($"PRODID:{CalendarWriter.ProductId}", One(ics, "PRODID"));
            Assert.Equal("VERSION:2.0", One(ics, "VERSION"));
            foreach (var parser in new[] { ExternalParsers.Libical(ics), ExternalParsers.Vobject(ics), ExternalParsers.IcalJs(ics) })
                Assert.Equal(ev.Title, Assert.Single(parser.GetProperty("events").EnumerateArray()).GetProperty("summary").GetString());
        }
        Assert.Contains("ATTENDEE;CN=\"Zoë O'Neil, Acacia: Family Support 👩‍👩‍👧 x", One(invitation, "ATTENDEE"));
        Assert.EndsWith(":mailto:zo%C3%AB.oneil@acacia.example", One(invitation, "ATTENDEE"));
    }

    [Fact]
    public void A_line_of_exactly_75_octets_is_not_folded_and_one_of_76_folds_once()
    {
        var exactly = Published(InPerson(e => e.Title = new string('a', 67))); // "SUMMARY:" + 67 = 75 octets
        Assert.Contains("\r\nSUMMARY:" + new string('a', 67) + "\r\nUID:", exactly);

        var over = Published(InPerson(e => e.Title = new string('a', 68)));
        Assert.Contains("\r\nSUMMARY:" + new string('a', 67) + "\r\n a\r\nUID:", over);
    }

    [Fact]
    public void Text_ending_exactly_at_the_limit_of_a_continuation_line_leaves_no_empty_line()
    {
        var ics = Published(InPerson(e => e.Title = new string('a', 67 + 74))); // 75, then a space and 74
        Assert.Contains($"\r\nSUMMARY:{new string('a', 67)}\r\n {new string('a', 74)}\r\nUID:", ics);
        AssertWellFramed(ics);
    }

    [Theory]
    [InlineData("é")]  // 2 octets
    [InlineData("€")]  // 3 octets
    [InlineData("中")] // 3 octets
    [InlineData("😀")] // 4 octets: a surrogate pair in .NET
    [InlineData("👩‍👩‍👧")] // a ZWJ sequence of several pairs
    [InlineData("e\u0301")] // e and a combining accent
    public void Multi_byte_characters_at_a_fold_are_never_split(string text)
    {
        for (var prefix = 55; prefix <= 80; prefix++)
        {
            var title = new string('a', prefix) + string.Concat(Enumerable.Repeat(text, 30));
            var ics = Published(InPerson(e => e.Title = title));
            AssertWellFramed(ics);
            Assert.Equal("SUMMARY:" + title, One(ics, "SUMMARY"));
        }
    }

    [Fact]
    public void Text_escapes_backslash_first_then_semicolons_commas_and_every_kind_of_line_break_but_not_colons()
    {
        var ics = Published(InPerson(e =>
        {
            e.Title = @"Tea\cake; scones, jam \; \n";
            e.VenueName = "The Hall, Room 2; upstairs";
            e.MapUrl = "https://maps.example:443/a?x=1;y=2";
            e.ArrivalNotes = "Ring the bell\r\nthen wait\rby the door\nplease";
        }));

        Assert.Equal(@"SUMMARY:Tea\\cake\; scones\, jam \\\; \\n", One(ics, "SUMMARY"));
        Assert.StartsWith(@"LOCATION:The Hall\, Room 2\; upstairs\, 1 High Street", One(ics, "LOCATION"));
        var description = One(ics, "DESCRIPTION");
        Assert.Contains(@"Map: https://maps.example:443/a?x=1\;y=2\n", description);
        Assert.Contains(@"On arrival: Ring the bell\nthen wait\nby the door\nplease", description);
        Assert.Equal(@"Tea\cake; scones, jam \; \n", ExternalParsers.IcalJs(ics).GetProperty("events")[0].GetProperty("summary").GetString());
    }

    [Fact]
    public void Control_characters_are_dropped_and_spaces_and_tabs_at_the_ends_trimmed_as_libical_would()
    {
        var ics = Published(InPerson(e => e.Title = " \t Tea\u0007 and\u0000 cake \t"));
        Assert.Equal("SUMMARY:Tea and cake", One(ics, "SUMMARY"));
        AcceptedByAllParsers(ics);
    }

    [Theory]
    [InlineData("Sam Jones", "Sam Jones")]
    [InlineData("Acacia, Family Support", "\"Acacia, Family Support\"")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("Dr: Who", "\"Dr: Who\"")]
    [InlineData("Say \"hi\"", "Say hi")]
    [InlineData("Say \"hi\", ok", "\"Say hi, ok\"")]
    [InlineData("line\r\nX-INJECTED:1", "\"lineX-INJECTED:1\"")]
    public void Names_with_colons_semicolons_or_commas_are_quoted_and_quotes_and_line_breaks_left_out(string name, string cn)
    {
        var ics = Calendar.Invitation(InPerson(), "sam@acacia.example", name, cancel: false, Start)!.Content;

        Assert.Equal($"ATTENDEE;CN={cn};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:sam@acacia.example", One(ics, "ATTENDEE"));
        Assert.Empty(All(ics, "X-INJECTED"));
        AcceptedByAllParsers(ics);
    }

    [Fact]
    public void The_organiser_is_the_name_and_address_of_Mail_From_quoted_when_it_needs_to_be()
    {
        var calendar = new EventCalendar(Options.Create(new SiteOptions()),
            Options.Create(new MailOptions { From = "\"Hearts & Minds, Events\" <events@heartsandminds.example>" }));
        var named = calendar.Invitation(InPerson(), "sam@acacia.example", "Sam", cancel: false, Start)!.Content;
        Assert.Equal("ORGANIZER;CN=\"Hearts & Minds, Events\":mailto:events@heartsandminds.example", One(named, "ORGANIZER"));

        var unnamed = new EventCalendar(Options.Create(new SiteOptions()), Options.Create(new MailOptions { From = "events@heartsandminds.example" }))
            .Invitation(InPerson(), "sam@acacia.example", "Sam", cancel: false, Start)!.Content;
        Assert.Equal("ORGANIZER;CN=Hearts & Minds Community:mailto:events@heartsandminds.example", One(unnamed, "ORGANIZER")); // the site's name
    }

    [Theory]
    [InlineData("sam@acacia.example", "mailto:sam@acacia.example")]
    [InlineData("o'neil+events@acacia.example", "mailto:o'neil+events@acacia.example")]
    [InlineData("a?b@x.org", "mailto:a%3Fb@x.org")] // '?' would start a query: the address would be read as "a"
    [InlineData("100%#1@x.org", "mailto:100%25%231@x.org")]
    [InlineData("zoë@x.org", "mailto:zo%C3%AB@x.org")]
    public void Calendar_addresses_are_mailto_uris_with_unsafe_characters_percent_encoded(string email, string uri)
    {
        var ics = Calendar.Invitation(InPerson(), email, "Sam", cancel: false, Start)!.Content;
        Assert.EndsWith($"RSVP=TRUE:{uri}", One(ics, "ATTENDEE"));
    }

    [Theory]
    [InlineData("two words@x.org")]
    [InlineData("quote\"@x.org")]
    [InlineData("line\nbreak@x.org")]
    [InlineData("")]
    [InlineData(Organizer)]
    public void An_address_that_cannot_be_an_attendee_gets_no_invitation(string email) =>
        Assert.Null(Calendar.Invitation(InPerson(), email, "Sam", cancel: false, Start));

    [Fact]
    public void Local_times_carry_the_TZID_and_one_VTIMEZONE_gives_its_standard_and_daylight_time_as_yearly_rules()
    {
        var early = InPerson(e => (e.StartsAt, e.EndsAt) = (SecondTuesdayNextYear(3), SecondTuesdayNextYear(3).AddHours(2)));
        var ics = EventCalendar.Publish([Calendar.ForPublic(InPerson()), Calendar.ForPublic(early)]);
        var lines = Lines(ics);

        Assert.Single(lines, l => l == "BEGIN:VTIMEZONE");
        Assert.True(lines.ToList().IndexOf("BEGIN:VTIMEZONE") < lines.ToList().IndexOf("BEGIN:VEVENT"), "the zone comes before the events");
        var zone = Component(lines, "VTIMEZONE");
        Assert.Contains("TZID:Europe/London", zone);
        var standard = Component(zone, "STANDARD");
        Assert.Contains("TZOFFSETFROM:+0100", standard);
        Assert.Contains("TZOFFSETTO:+0000", standard);
        Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", standard);
        var daylight = Component(zone, "DAYLIGHT");
        Assert.Contains("TZOFFSETFROM:+0000", daylight);
        Assert.Contains("TZOFFSETTO:+0100", daylight);
        Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", daylight);
        // Both observances begin before the earliest event, so every time in the file is covered by the rules.
        var earliest = UkLocal(early.StartsAt);
        Assert.All(zone.Where(l => l.StartsWith("DTSTART:", StringComparison.Ordinal)), l => Assert.True(string.CompareOrdinal(ValueOf(l), earliest) < 0, l));

        Assert.Equal($"DTSTART;TZID=Europe/London:{earliest}", All(ics, "DTSTART")[1]);
        Assert.All(lines, l => Assert.False(l.Contains("TZID=", StringComparison.Ordinal) && l.EndsWith('Z'), l)); // never a TZID on a UTC value
        Assert.Matches(@"^DTSTAMP:\d{8}T\d{6}Z$", All(ics, "DTSTAMP")[0]);
    }

    [Fact]
    public void The_same_data_gives_the_same_bytes_and_DTSTAMP_is_when_the_event_last_changed()
    {
        var ev = InPerson();
        ev.UpdatedAt = new DateTimeOffset(2026, 11, 22, 9, 0, 0, 250, TimeSpan.Zero);
        var first = EventCalendar.Publish([Calendar.ForPublic(ev)], "Hearts & Minds Community events");
        var second = EventCalendar.Publish([Calendar.ForPublic(ev)], "Hearts & Minds Community events");

        Assert.Equal(first, second);
        Assert.Equal("DTSTAMP:20261122T090000Z", One(first, "DTSTAMP"));
        ev.CalendarChanged(ev.UpdatedAt.AddMinutes(5));
        Assert.Equal("DTSTAMP:20261122T090500Z", One(EventCalendar.Publish([Calendar.ForPublic(ev)]), "DTSTAMP"));
    }

    [Fact]
    public void A_feed_has_its_name_escaped_as_text_and_how_often_to_refresh_it_and_a_download_neither()
    {
        var ics = EventCalendar.Publish([Calendar.ForPublic(InPerson())], "Acacia, Family Support: Hearts & Minds Community");

        Assert.Equal(@"NAME:Acacia\, Family Support: Hearts & Minds Community", One(ics, "NAME"));
        Assert.Equal(@"X-WR-CALNAME:Acacia\, Family Support: Hearts & Minds Community", One(ics, "X-WR-CALNAME"));
        Assert.Equal("REFRESH-INTERVAL;VALUE=DURATION:PT6H", One(ics, "REFRESH-INTERVAL"));
        Assert.Equal("X-PUBLISHED-TTL:PT6H", One(ics, "X-PUBLISHED-TTL"));
        Assert.Empty(All(ics, "METHOD"));
        AcceptedByAllParsers(ics);

        var download = EventCalendar.Publish([Calendar.ForPublic(InPerson())]);
        Assert.Empty(All(download, "NAME"));
        Assert.Empty(All(download, "REFRESH-INTERVAL"));
    }

    /// <summary>CRLF only; no physical line over 75 octets, empty, or starting or ending inside a character.</summary>
    internal static void AssertWellFramed(string ics)
    {
        Assert.EndsWith("\r\n", ics);
        _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(ics); // throws on a lone surrogate
        Assert.DoesNotContain("\uFFFD", ics);
        foreach (var line in ics[..^2].Split("\r\n"))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}");
            Assert.DoesNotContain('\r', line);
            Assert.DoesNotContain('\n', line);
            Assert.NotEqual("", line);
            Assert.NotEqual(" ", line); // no empty continuation
            Assert.False(char.IsHighSurrogate(line[^1]), $"ends inside a surrogate pair: {line}");
            Assert.False(char.IsLowSurrogate(line[line[0] == ' ' ? 1 : 0]), $"starts inside a surrogate pair: {line}");
        }
    }

    private static string Published(Event ev) => EventCalendar.Publish([Calendar.ForPublic(ev)]);

    /// <summary>The lines between BEGIN:{name} and END:{name}.</summary>
    private static IReadOnlyList<string> Component(IEnumerable<string> lines, string name) =>
        lines.SkipWhile(l => l != $"BEGIN:{name}").Skip(1).TakeWhile(l => l != $"END:{name}").ToList();

    private static Event InPerson(Action<Event>? change = null)
    {
        var ev = new Event
        {
            Id = 42,
            Kind = EventKind.InPerson,
            Status = EventStatus.Published,
            Title = "Community day in Birmingham",
            Description = "A chance to **share learning**.",
            StartsAt = Start,
            EndsAt = Start.AddHours(2),
            VenueName = "The Community Hall",
            VenueAddress = "1 High Street, Birmingham",
            VenuePostcode = "B1 1AA",
        };
        change?.Invoke(ev);
        return ev;
    }

    private static Attendee Person(string name, string email) => new() { Name = name, Email = email, Status = AttendeeStatus.Confirmed };
}
