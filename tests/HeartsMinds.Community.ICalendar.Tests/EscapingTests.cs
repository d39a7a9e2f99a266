namespace HeartsMinds.Community.ICalendar.Tests;

public class EscapingTests
{
    [Theory]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("a;b,c", @"a\;b\,c")]
    [InlineData(@"\;", @"\\\;")] // backslash first, so an escaped ';' is not escaped twice
    [InlineData("one\r\ntwo\nthree\rfour", @"one\ntwo\nthree\nfour")]
    [InlineData("https://x.example:443/a", "https://x.example:443/a")] // colons are not escaped
    [InlineData("tab\there", "tab\there")]
    [InlineData("bell\u0007null\u0000del\u007f", "bellnulldel")]
    public void Text_is_escaped(string input, string expected) => Assert.Equal(expected, CalendarText.Escape(input));

    [Theory]
    [InlineData("Sam Jones", "Sam Jones")]
    [InlineData("Acacia, Family Support", "\"Acacia, Family Support\"")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("Dr: Who", "\"Dr: Who\"")]
    [InlineData("Say \"hi\"", "Say hi")]
    [InlineData("Say \"hi\", ok", "\"Say hi, ok\"")]
    [InlineData("line\r\nbreak", "linebreak")]
    public void Parameter_values_are_quoted_or_cleaned(string input, string expected) =>
        Assert.Equal(expected, CalendarText.ParameterValue(input));

    [Fact]
    public void Attendee_and_organizer_names_are_quoted_in_the_calendar()
    {
        var text = ContentLine.Unfold(Samples.Invite().ToString());
        Assert.Contains("ORGANIZER;CN=Hearts & Minds Partnership:mailto:events@heartsminds.example\r\n", text);
        Assert.Contains("ATTENDEE;CN=\"Sam O'Neil, Acacia: Family Support\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:sam@acacia.example\r\n", text);
    }

    [Theory]
    [InlineData("sam@acacia.example", "mailto:sam@acacia.example")]
    [InlineData("o'neil+events@acacia.example", "mailto:o'neil+events@acacia.example")]
    [InlineData("a?b@x.org", "mailto:a%3Fb@x.org")] // '?' would start a query: the address would be read as "a"
    [InlineData("100%#1@x.org", "mailto:100%25%231@x.org")]
    [InlineData("zoë@x.org", "mailto:zo%C3%AB@x.org")]
    public void Calendar_addresses_are_mailto_uris_with_unsafe_characters_percent_encoded(string email, string uri)
    {
        var evt = Samples.InviteEvent(0) with { Attendees = [new CalendarPerson(email)] };
        var text = ContentLine.Unfold(new Calendar("p") { Method = "REQUEST", Events = [evt] }.ToString());
        Assert.Contains($"RSVP=TRUE:{uri}\r\n", text);
    }

    [Theory]
    [InlineData("two words@x.org")]
    [InlineData("quote\"@x.org")]
    [InlineData("line\nbreak@x.org")]
    [InlineData("")]
    public void An_address_that_cannot_be_a_uri_is_refused(string email)
    {
        Assert.False(CalendarPerson.IsUsable(email));
        var evt = Samples.InviteEvent(0) with { Attendees = [new CalendarPerson(email)] };
        Assert.Throws<ArgumentException>(() => new Calendar("p") { Events = [evt] }.ToString());
    }

    [Fact]
    public void Text_values_lose_spaces_and_tabs_at_their_ends_as_libical_would()
    {
        var evt = Samples.InviteEvent(0) with { Summary = " \t Tea, cake \t", Description = "  \n indented \n " };
        var text = new Calendar("p") { Events = [evt] }.ToString();
        Assert.Contains("\r\nSUMMARY:Tea\\, cake\r\n", text);
        Assert.Contains("\r\nDESCRIPTION:\\n indented \\n\r\n", text);
    }

    [Fact]
    public void An_email_address_that_could_break_the_line_is_refused()
    {
        var evt = Samples.InviteEvent(0) with { Attendees = [new CalendarPerson("a@b.example\r\nX-EVIL:1")] };
        Assert.Throws<ArgumentException>(() => new Calendar(Samples.ProductId) { Events = [evt] }.ToString());
    }
}
