using System.Text;

namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>What the fuzzer types into fields, and how it spots a script payload that came back unencoded.</summary>
public static class Payloads
{
    public const string Script = "<script>alert(1)</script>";
    public const string ImageOnError = "\"><img src=x onerror=alert(1)>";

    /// <summary>
    /// What one field is given, one payload per request: the core set, the payloads that suit its kind (dates for a
    /// date, "maybe" for a checkbox), and a few of the others picked at random, so that every payload meets some fields
    /// while a form costs a few hundred requests rather than thousands.
    /// </summary>
    public static IReadOnlyList<Payload> ForField(FormField field, Random random)
    {
        var extras = Extras(random);
        var suited = extras.Where(e => e.Suits(field)).Select(e => e.Payload);
        var others = extras.Where(e => !e.Suits(field)).Select(e => e.Payload).OrderBy(_ => random.Next()).Take(RandomExtras);
        return [.. Core, .. suited, .. others];
    }

    private const int RandomExtras = 3;

    private static readonly Payload[] Core =
    [
        Payload.Text("empty", ""),
        Payload.Text("100k characters", new string('a', 100_000)),
        Payload.Text("NUL", "a\0b"),
        Payload.Text("CR LF header", "a\r\nBcc: someone@example.org"),
        Payload.Raw("invalid UTF-8 %C3%28", "%C3%28"),
        Payload.Text("text", "abc"),
        Payload.Text("script", Script),
        Payload.Text("img onerror", ImageOnError),
        Payload.Text("SQL", "' OR 1=1--"),
    ];

    private static List<(Payload Payload, Func<FormField, bool> Suits)> Extras(Random random)
    {
        static bool Is(FormField field, params string[] kinds) => kinds.Contains(field.Kind);
        static bool Never(FormField field) => false;
        return
        [
            (Payload.Text("whitespace", "  \t  "), f => Is(f, "text", "email")),
            (Payload.Text("20k emoji", string.Concat(Enumerable.Repeat("é🙂", 20_000))), f => Is(f, "textarea")),
            (Payload.Text("tab", "a\tb"), f => Is(f, "text")),
            (Payload.Text("U+0085", "a\u0085b"), f => Is(f, "textarea")),
            (Payload.Text("U+2028", "a\u2028b"), f => Is(f, "text", "textarea")),
            (Payload.Text("right-to-left override", "\u202Egnp.exe"), Never),
            (Payload.Raw("invalid UTF-8 %FF", "%FF%FE%FD"), Never),
            (Payload.Raw("UTF-8 surrogate", "%ED%A0%80"), Never),
            (Payload.Raw("overlong UTF-8", "%C0%AF"), Never),
            (Payload.Raw("bad percent-encoding", "%zz%"), Never),
            (Payload.Raw("random bytes", RandomBytes(random, 48)), f => Is(f, "hidden")),
            (Payload.Text("negative", "-1"), f => Is(f, "number", "hidden")),
            (Payload.Text("zero", "0"), f => Is(f, "number")),
            (Payload.Text("huge number", "99999999999999999999999"), f => Is(f, "number", "hidden")),
            (Payload.Text("1e400", "1e400"), f => Is(f, "number")),
            (Payload.Text("NaN", "NaN"), f => Is(f, "number")),
            (Payload.Text("impossible date", "2025-02-30"), f => Is(f, "date", "datetime-local")),
            (Payload.Text("year 0", "0000-01-01"), f => Is(f, "date", "datetime-local")),
            (Payload.Text("year 9999", "9999-12-31"), f => Is(f, "date", "datetime-local")),
            (Payload.Text("impossible time", "24:61"), f => Is(f, "time", "datetime-local")),
            (Payload.Text("maybe", "maybe"), f => Is(f, "checkbox", "radio", "select")),
            (Payload.Text("markdown javascript link", "[click](javascript:alert(1))"), f => Is(f, "textarea")),
            (Payload.Text("javascript URL", "javascript:alert(1)"), f => Is(f, "url") || f.Name.Contains("Url", StringComparison.OrdinalIgnoreCase)),
        ];
    }

    /// <summary>For ids and other values in a URL, where a browser would never put 100k characters.</summary>
    public static IReadOnlyList<Payload> ForUrls(Random random) =>
    [
        Payload.Text("empty", ""),
        Payload.Text("text", "abc"),
        Payload.Text("negative", "-1"),
        Payload.Text("zero", "0"),
        Payload.Text("huge number", "99999999999999999999999"),
        Payload.Text("5k characters", new string('A', 5_000)),
        Payload.Text("NUL", "1\0"),
        Payload.Raw("invalid UTF-8", "%C3%28%FF"),
        Payload.Raw("random bytes", RandomBytes(random, 24)),
        Payload.Text("script", Script),
        Payload.Text("SQL", "' OR 1=1--"),
    ];

    /// <summary>The first sign of a payload that reached HTML unencoded, or null.</summary>
    public static string? FoundUnencoded(string html)
    {
        foreach (var sign in new[] { Script, "<img src=x onerror=", "href=\"javascript:" })
            if (html.Contains(sign, StringComparison.OrdinalIgnoreCase)) return sign;
        return null;
    }

    private static string RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        var encoded = new StringBuilder(count * 3);
        foreach (var b in bytes) encoded.Append('%').Append(b.ToString("X2"));
        return encoded.ToString();
    }
}
