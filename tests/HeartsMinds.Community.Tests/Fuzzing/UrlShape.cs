using System.Text.RegularExpressions;

namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// A URL or field name with its ids, tokens and row numbers taken out: /manage/events/12/edit and /manage/events/13/edit
/// have one shape, so the fuzzer tries one of them, and failures of the same cause are reported together.
/// </summary>
public static partial class UrlShape
{
    public static string Of(string url)
    {
        var queryStart = url.IndexOf('?');
        var path = queryStart < 0 ? url : url[..queryStart];
        var segments = path.Split('/').Select(s => s.Length > 0 && s.All(char.IsAsciiDigit) ? "{id}" : s.Length >= 20 ? "{token}" : s);
        var shape = string.Join('/', segments);
        if (queryStart < 0) return shape;
        // Query values are ids, except the handler, which chooses the code that runs.
        var keys = url[(queryStart + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => pair[0].Equals("handler", StringComparison.OrdinalIgnoreCase) && pair.Length == 2 ? $"handler={pair[1]}" : pair[0])
            .Order(StringComparer.Ordinal);
        return shape + "?" + string.Join('&', keys);
    }

    /// <summary>A field name without its row numbers: Input.Attendees[3].Name is Input.Attendees[].Name.</summary>
    public static string OfField(string name) => RowNumber().Replace(name, "[]");

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex RowNumber();
}
