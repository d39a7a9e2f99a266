using System.Text;
using System.Text.Json;

namespace HeartsMinds.Community.ICalendar.Tests;

/// <summary>
/// Property-style: a few hundred seeded random Unicode strings as SUMMARY and DESCRIPTION. Every physical line must
/// fit in 75 octets and end in CRLF, and each third-party parser must give the original text back (with line breaks
/// as LF and other control characters gone, which is what TEXT can carry).
/// </summary>
public class RoundTripTests
{
    private const int Count = 300;

    private static readonly string[] Pieces =
    [
        "a", "Z", "7", " ", "  ", ";", ",", "\\", ":", "\"", "'", "\t", "\r\n", "\n", "\r", "\\n", "\\;", "&", "<b>",
        "é", "ß", "ø", "€", "£", "中", "文", "日本語", "한국어", "עברית", "العربية", "Ελληνικά", "Кириллица",
        "😀", "🎉", "👩‍👩‍👧", "🏳️‍🌈", "👍🏽", "𝄞", "\u0301", "e\u0301", "\u0308\u0323", "\u200d", "\u00a0", "\ufeff",
        "BEGIN:VEVENT", "END:VCALENDAR", "mailto:x@y", "\u0007",
    ];

    private static string RandomText(Random random)
    {
        var sb = new StringBuilder();
        var pieces = random.Next(1, 60);
        for (var i = 0; i < pieces; i++)
        {
            if (random.Next(4) == 0)
            {
                // Any code point from the BMP letters/CJK or the astral planes, not just the listed pieces.
                var cp = random.Next(3) switch
                {
                    0 => random.Next(0x20, 0x7f),
                    1 => random.Next(0x4e00, 0x9fff),
                    _ => random.Next(0x1f300, 0x1faff),
                };
                sb.Append(char.ConvertFromUtf32(cp));
            }
            else sb.Append(Pieces[random.Next(Pieces.Length)]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// What TEXT can carry of <paramref name="original"/>: line breaks as LF, no other control characters, and no
    /// spaces or tabs at the ends (the writer trims them because libical would).
    /// </summary>
    private static string Expected(string original)
    {
        var normalised = original.Replace("\r\n", "\n").Replace('\r', '\n');
        return new string(normalised.Where(c => c is '\n' or '\t' || !char.IsControl(c)).ToArray()).Trim(' ', '\t');
    }

    private static (Calendar Calendar, Dictionary<string, (string Summary, string Description)> Texts) Build()
    {
        var random = new Random(20261208);
        var texts = new Dictionary<string, (string, string)>();
        var events = new List<CalendarEvent>();
        for (var i = 0; i < Count; i++)
        {
            var uid = $"random-{i}@heartsminds.example";
            var (summary, description) = (RandomText(random), RandomText(random) + RandomText(random));
            texts[uid] = (summary, description);
            events.Add(new CalendarEvent(uid, Samples.Stamp, Samples.LondonTime(2026, 1 + i % 12, 1 + i % 28, 9 + i % 8, 0))
            {
                End = Samples.LondonTime(2026, 1 + i % 12, 1 + i % 28, 18, 0),
                Summary = summary,
                Description = description,
                Location = RandomText(random),
            });
        }
        return (new Calendar(Samples.ProductId) { Events = events }, texts);
    }

    [Fact]
    public void Every_line_fits_in_75_octets_and_ends_in_CRLF()
    {
        var text = Build().Calendar.ToString();
        Assert.EndsWith("\r\n", text);
        var lines = text[..^2].Split("\r\n");
        Assert.True(lines.Length > Count * 5);
        foreach (var line in lines)
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}");
            Assert.DoesNotContain('\r', line);
            Assert.DoesNotContain('\n', line);
            Assert.NotEqual(" ", line);
            Assert.DoesNotContain('\uFFFD', line); // nothing was split into a broken sequence
        }
    }

    private static void AssertRoundTrip(JsonElement result, Dictionary<string, (string Summary, string Description)> texts)
    {
        var events = ExternalParsers.EventsByUid(result);
        Assert.Equal(texts.Count, events.Count);
        foreach (var (uid, (summary, description)) in texts)
        {
            Assert.Equal(Expected(summary), events[uid].GetProperty("summary").GetString());
            Assert.Equal(Expected(description), events[uid].GetProperty("description").GetString());
        }
    }

    [Fact]
    public void Random_text_survives_libical() { var (c, t) = Build(); AssertRoundTrip(ExternalParsers.Libical(c.ToString()), t); }

    [Fact]
    public void Random_text_survives_vobject() { var (c, t) = Build(); AssertRoundTrip(ExternalParsers.Vobject(c.ToString()), t); }

    [Fact]
    public void Random_text_survives_icaljs() { var (c, t) = Build(); AssertRoundTrip(ExternalParsers.IcalJs(c.ToString()), t); }
}
