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
