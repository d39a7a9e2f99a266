using System.Text;

namespace HeartsMinds.Community.ICalendar.Tests;

public class FoldingTests
{
    private static string[] PhysicalLines(string folded)
    {
        Assert.EndsWith("\r\n", folded);
        return folded[..^2].Split("\r\n");
    }

    private static void AssertWellFolded(string original, string folded)
    {
        foreach (var line in PhysicalLines(folded))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"Line of {Encoding.UTF8.GetByteCount(line)} octets: {line}");
            Assert.DoesNotContain('\r', line);
            Assert.DoesNotContain('\n', line);
            Assert.NotEqual(" ", line); // no empty continuation
            // Never split a surrogate pair (a split UTF-8 sequence would show up as one, since we write strings).
            Assert.False(line.Length > 0 && char.IsHighSurrogate(line[^1]), "line ends inside a surrogate pair");
            Assert.False(line.Length > 0 && char.IsLowSurrogate(line[0]), "line starts inside a surrogate pair");
        }
        Assert.Equal(original + "\r\n", ContentLine.Unfold(folded));
    }

    [Fact]
    public void Line_of_exactly_75_octets_is_not_folded()
    {
        var line = "SUMMARY:" + new string('a', 67);
        Assert.Equal(75, Encoding.UTF8.GetByteCount(line));
        Assert.Equal(line + "\r\n", ContentLine.Fold(line));
    }

    [Fact]
    public void Line_of_76_octets_folds_once_with_one_space()
    {
        var line = "SUMMARY:" + new string('a', 68);
        Assert.Equal(line[..75] + "\r\n " + line[75..] + "\r\n", ContentLine.Fold(line));
    }

    [Fact]
    public void Content_ending_exactly_at_the_limit_of_a_continuation_has_no_empty_line()
    {
        var line = new string('x', 75 + 74); // first line 75, continuation 1 space + 74
        var folded = ContentLine.Fold(line);
        Assert.Equal(2, PhysicalLines(folded).Length);
        Assert.Equal(75, PhysicalLines(folded)[1].Length);
        AssertWellFolded(line, folded);
    }

    [Theory]
    [InlineData("é")]   // 2 octets
    [InlineData("€")]   // 3 octets
    [InlineData("中")]  // 3 octets
    [InlineData("😀")]  // 4 octets, a surrogate pair in .NET
    [InlineData("👩‍👩‍👧")] // a ZWJ sequence: several pairs
    [InlineData("e\u0301")] // e + combining acute
    public void Multi_byte_characters_at_the_boundary_are_never_split(string text)
    {
        for (var prefix = 60; prefix <= 80; prefix++)
        {
            var line = new string('a', prefix) + string.Concat(Enumerable.Repeat(text, 40));
            var folded = ContentLine.Fold(line);
            AssertWellFolded(line, folded);
            foreach (var physical in PhysicalLines(folded))
                Assert.Equal(physical, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(physical))); // valid UTF-8 on its own
        }
    }

    [Fact]
    public void Folding_uses_octets_not_characters()
    {
        var line = "SUMMARY:" + string.Concat(Enumerable.Repeat("€", 30)); // 38 characters, 98 octets
        var lines = PhysicalLines(ContentLine.Fold(line));
        Assert.Equal(2, lines.Length);
        Assert.Equal(74, Encoding.UTF8.GetByteCount(lines[0])); // 8 + 22 * 3; a 23rd € would make 77
    }

    [Fact]
    public void A_line_break_inside_a_content_line_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ContentLine.Fold("SUMMARY:a\r\nBEGIN:VEVENT"));
    }

    [Fact]
    public void Every_line_of_a_calendar_ends_in_CRLF_and_fits()
    {
        var text = Samples.Invite().ToString();
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        Assert.DoesNotContain("\r", text.Replace("\r\n", ""));
        AssertWellFolded(ContentLine.Unfold(text)[..^2], text);
    }
}
