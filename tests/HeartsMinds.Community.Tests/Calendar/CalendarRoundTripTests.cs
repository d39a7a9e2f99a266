using System.Text;
using System.Text.Json;
using HeartsMinds.Community.Features.Calendar;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Tests.Calendar;

/// <summary>
/// Property-style: a few hundred events with seeded random Unicode titles, descriptions and venues, published by the
/// app. Every line must be well framed, and each third-party parser must give back the text the app put in (line
/// breaks as LF, other control characters gone and no spaces or tabs at the ends, which is what TEXT can carry).
/// </summary>
public sealed class CalendarRoundTripTests
{
    private const int Count = 300;
    private static readonly EventCalendar Calendar = new(Options.Create(new SiteOptions()), Options.Create(new MailOptions()));

    private static readonly string[] Pieces =
    [
        "a", "Z", "7", " ", "  ", ";", ",", "\\", ":", "\"", "'", "\t", "\r\n", "\n", "\r", "\\n", "\\;", "&", "<b>",
        "é", "ß", "ø", "€", "£", "中", "文", "日本語", "한국어", "עברית", "العربية", "Ελληνικά", "Кириллица",
        "😀", "🎉", "👩‍👩‍👧", "🏳️‍🌈", "👍🏽", "𝄞", "\u0301", "e\u0301", "\u0308\u0323", "\u200d", "\u00a0", "\ufeff",
        "BEGIN:VEVENT", "END:VCALENDAR", "mailto:x@y", "\u0007",
    ];

    private static readonly Lazy<(string Ics, Dictionary<string, (string Summary, string Description)> Texts)> Sample = new(Build);

    [Fact]
    public void Every_line_fits_in_75_octets_and_ends_in_CRLF()
    {
        var ics = Sample.Value.Ics;
        Assert.True(ics.Split("\r\n").Length > Count * 10);
        CalendarFramingTests.AssertWellFramed(ics);
    }

    [Fact]
    public void Random_text_survives_libical() => AssertRoundTrip(ExternalParsers.Libical(Sample.Value.Ics));

    [Fact]
    public void Random_text_survives_vobject() => AssertRoundTrip(ExternalParsers.Vobject(Sample.Value.Ics));

    [Fact]
    public void Random_text_survives_icaljs() => AssertRoundTrip(ExternalParsers.IcalJs(Sample.Value.Ics));

    private static void AssertRoundTrip(JsonElement result)
    {
        var events = ExternalParsers.EventsByUid(result);
        Assert.Equal(Sample.Value.Texts.Count, events.Count);
        foreach (var (uid, (summary, description)) in Sample.Value.Texts)
        {
            Assert.Equal(Expected(summary), events[uid].GetProperty("summary").GetString() ?? "");
            Assert.Equal(Expected(description), events[uid].GetProperty("description").GetString() ?? "");
        }
    }

    /// <summary>
    /// What TEXT can carry of the app's text: line breaks as LF, no other control characters, no spaces or tabs at the
    /// ends; an empty value is left out, which parsers read as no text.
    /// </summary>
    private static string Expected(string original)
    {
        var normalised = original.Replace("\r\n", "\n").Replace('\r', '\n');
        return new string(normalised.Where(c => c is '\n' or '\t' || !char.IsControl(c)).ToArray()).Trim(' ', '\t');
    }

    private static (string, Dictionary<string, (string, string)>) Build()
    {
        var random = new Random(20261208);
        var texts = new Dictionary<string, (string, string)>();
        var entries = new List<Ical.Net.CalendarComponents.CalendarEvent>();
        for (var i = 0; i < Count; i++)
        {
            var start = EventTime.ToInstant(new DateOnly(2027, 1 + i % 12, 1 + i % 28), new TimeOnly(9 + i % 8, 0), EventTime.UkZoneId);
            var ev = new Event
            {
                Id = i + 1,
                Kind = EventKind.InPerson,
                Status = EventStatus.Published,
                Title = RandomText(random),
                Description = RandomText(random) + RandomText(random),
                StartsAt = start,
                EndsAt = start.AddHours(2),
                VenueName = RandomText(random),
            };
            var entry = Calendar.ForPublic(ev);
            texts[entry.Uid!] = (entry.Summary!, entry.Description!); // as the app made them, before writing
            entries.Add(entry);
        }
        return (EventCalendar.Publish(entries, "Random"), texts);
    }

    private static string RandomText(Random random)
    {
        var sb = new StringBuilder();
        var pieces = random.Next(1, 60);
        for (var i = 0; i < pieces; i++)
        {
            if (random.Next(4) == 0)
            {
                // Any code point from ASCII, CJK or the astral planes, not just the listed pieces.
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
}
