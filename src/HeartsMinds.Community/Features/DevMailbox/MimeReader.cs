using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HeartsMinds.Community.Features.DevMailbox;

/// <summary>One MIME entity: its headers (unfolded, encoded words decoded) and either a decoded body or child parts.</summary>
public sealed class MimeEntity
{
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }
    public required MimeContentType ContentType { get; init; }
    public byte[] Body { get; init; } = [];
    public IReadOnlyList<MimeEntity> Children { get; init; } = [];

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public bool IsAttachment => Header("Content-Disposition")?.TrimStart().StartsWith("attachment", StringComparison.OrdinalIgnoreCase) == true;

    public string? FileName =>
        (Header("Content-Disposition") is { } disposition ? MimeContentType.Parse(disposition).Parameter("filename") : null)
        ?? ContentType.Parameter("name");

    /// <summary>The body as text, in the part's charset (UTF-8 when it names none we know).</summary>
    public string Text => MimeReader.CharsetOrUtf8(ContentType.Parameter("charset")).GetString(Body);

    /// <summary>The parts that hold content, depth first, in the order a mail client would meet them.</summary>
    public IEnumerable<MimeEntity> Leaves() => Children.Count == 0 ? [this] : Children.SelectMany(c => c.Leaves());
}

/// <summary>A Content-Type (or Content-Disposition) value: "type/subtype; name=value; ...".</summary>
public sealed record MimeContentType(string MediaType, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    public static MimeContentType Parse(string value)
    {
        var pieces = SplitOutsideQuotes(value, ';');
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var piece in pieces.Skip(1))
        {
            var equals = piece.IndexOf('=');
            if (equals <= 0) continue;
            var name = piece[..equals].Trim();
            var raw = piece[(equals + 1)..].Trim();
            var unquoted = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1].Replace("\\\"", "\"").Replace("\\\\", "\\") : raw;
            if (name.EndsWith('*'))
                parameters[name[..^1]] = MimeReader.DecodeRfc2231(unquoted); // filename*=utf-8''caf%C3%A9.ics
            else
                parameters.TryAdd(name, MimeReader.DecodeEncodedWords(unquoted));
        }
        return new(pieces[0].Trim().ToLowerInvariant(), parameters);
    }

    private static List<string> SplitOutsideQuotes(string value, char separator)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in value)
        {
            if (c == '"') quoted = !quoted;
            if (c == separator && !quoted) { result.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        result.Add(current.ToString());
        return result;
    }
}

/// <summary>
/// Reads the .eml files SmtpClient writes (MimeKit is not available here): headers with RFC 2047 encoded words,
/// nested multipart bodies, and base64, quoted-printable, 7bit and 8bit transfer encodings. Lenient: it is for
/// looking at our own mail in development and in tests, not for hostile input from the internet.
/// </summary>
public static partial class MimeReader
{
    public static MimeEntity Parse(byte[] raw) => Parse(Encoding.Latin1.GetString(raw));

    /// <summary>Parses a message held as Latin-1 text, one char per byte, as it was on the wire.</summary>
    public static MimeEntity Parse(string raw)
    {
        // Only CRLF: ReplaceLineEndings would also break at bytes such as 0x85 inside 8bit UTF-8 text.
        var text = raw.Replace("\r\n", "\n");
        var split = text.StartsWith('\n') ? 0 : text.IndexOf("\n\n", StringComparison.Ordinal);
        var headerBlock = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + (split == 0 ? 1 : 2))..];

        var headers = ParseHeaders(headerBlock);
        var contentTypeHeader = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        var contentType = MimeContentType.Parse(contentTypeHeader ?? "text/plain; charset=us-ascii");

        if (contentType.MediaType.StartsWith("multipart/", StringComparison.Ordinal) && contentType.Parameter("boundary") is { Length: > 0 } boundary)
            return new MimeEntity { Headers = headers, ContentType = contentType, Children = SplitMultipart(body, boundary).Select(Parse).ToList() };

        var encoding = headers.FirstOrDefault(h => h.Key.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Value;
        return new MimeEntity { Headers = headers, ContentType = contentType, Body = DecodeBody(body, encoding?.Trim().ToLowerInvariant()) };
    }

    /// <summary>Only the headers, for listing many messages without decoding their bodies.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseHeadersOnly(string raw)
    {
        var text = raw.Replace("\r\n", "\n");
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        return ParseHeaders(split < 0 ? text : text[..split]);
    }

    /// <summary>An RFC 5322 date ("Sun, 22 Nov 2026 01:51:49 +0000 (UTC)"), or null.</summary>
    public static DateTimeOffset? ParseDate(string? value)
    {
        if (value is null) return null;
        var cleaned = DateComment().Replace(value, "").Trim();
        if (cleaned.Length > 4 && cleaned[3] == ',') cleaned = cleaned[4..].Trim(); // the day name is optional
        cleaned = NumericZone().Replace(cleaned, "$1$2:$3");
        return DateTimeOffset.TryParseExact(cleaned, ["d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz"],
            CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date) ? date : null;
    }

    internal static Encoding CharsetOrUtf8(string? charset)
    {
        if (charset is null) return Encoding.UTF8;
        try { return Encoding.GetEncoding(charset.Trim()); }
        catch (ArgumentException) { return Encoding.UTF8; }
    }

    /// <summary>RFC 2047: "=?utf-8?B?...?=" and "=?utf-8?Q?...?="; the space between two encoded words is dropped.</summary>
    public static string DecodeEncodedWords(string value)
    {
        var decoded = EncodedWord().Replace(value, match =>
        {
            var charset = CharsetOrUtf8(match.Groups[1].Value.Split('*')[0]); // "utf-8*en": RFC 2231 language
            var payload = match.Groups[3].Value;
            try
            {
                var bytes = match.Groups[2].Value is "B" or "b"
                    ? Convert.FromBase64String(payload)
                    : DecodeQuotedPrintable(payload.Replace('_', ' '));
                return "\u0001" + charset.GetString(bytes) + "\u0002";
            }
            catch (FormatException) { return match.Value; }
        });
        // Markers let adjacent encoded words join without the folding whitespace between them.
        return BetweenEncodedWords().Replace(decoded, "").Replace("\u0001", "").Replace("\u0002", "");
    }

    internal static string DecodeRfc2231(string value)
    {
        var parts = value.Split('\'', 3);
        if (parts.Length != 3) return Uri.UnescapeDataString(value);
        var bytes = Encoding.Latin1.GetBytes(parts[2]);
        var decoded = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == '%' && i + 2 < bytes.Length && byte.TryParse(Encoding.Latin1.GetString(bytes, i + 1, 2), NumberStyles.HexNumber, null, out var b))
            { decoded.Add(b); i += 2; }
            else decoded.Add(bytes[i]);
        return CharsetOrUtf8(parts[0]).GetString(decoded.ToArray());
    }

    private static List<KeyValuePair<string, string>> ParseHeaders(string block)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in block.Split('\n'))
        {
            if (line.Length == 0) continue;
            if (line[0] is ' ' or '\t' && headers.Count > 0)
            {
                // Unfolding (RFC 5322 §2.2.3) removes only the line break; the whitespace stays.
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + line);
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        // Decoded last, so that an encoded word split across a fold is whole.
        return headers.Select(h => new KeyValuePair<string, string>(h.Key, DecodeEncodedWords(h.Value))).ToList();
    }

    private static IEnumerable<string> SplitMultipart(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        List<string>? part = null; // null before the first delimiter: the preamble is skipped
        foreach (var line in body.Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed == delimiter || trimmed == delimiter + "--")
            {
                // The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1), hence Join.
                if (part is not null) yield return string.Join('\n', part);
                if (trimmed != delimiter) yield break;
                part = [];
            }
            else part?.Add(line);
        }
        if (part is not null) yield return string.Join('\n', part); // no closing delimiter: keep what there is
    }

    private static byte[] DecodeBody(string body, string? transferEncoding)
    {
        switch (transferEncoding)
        {
            case "base64":
                try { return Convert.FromBase64String(Whitespace().Replace(body, "")); }
                catch (FormatException) { return Encoding.Latin1.GetBytes(body); }
            case "quoted-printable":
                return DecodeQuotedPrintable(body.Replace("=\n", "")); // soft line breaks
            default:
                return Encoding.Latin1.GetBytes(body);
        }
    }

    private static byte[] DecodeQuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, null, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else bytes.Add((byte)text[i]);
        }
        return bytes.ToArray();
    }

    [GeneratedRegex(@"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex("\u0002[ \t]+\u0001")]
    private static partial Regex BetweenEncodedWords();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\([^)]*\)\s*$")]
    private static partial Regex DateComment();

    [GeneratedRegex(@"([+-])(\d\d)(\d\d)$")]
    private static partial Regex NumericZone();
}
