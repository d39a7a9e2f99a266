using System.Text;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// CSV that opens correctly in Excel: UTF-8 with a byte order mark (without it Excel guesses the wrong encoding and
/// mangles accents and emoji), CRLF line ends, RFC 4180 quoting, and text that would start a formula made inert.
/// </summary>
public sealed class Csv
{
    private readonly StringBuilder _text = new();

    public Csv Row(params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) _text.Append(',');
            _text.Append(Cell(cells[i]));
        }
        _text.Append("\r\n");
        return this;
    }

    /// <summary>The file's bytes: BOM first.</summary>
    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    /// <summary>
    /// One cell. Text a spreadsheet would run as a formula (starting = + - @, or a tab or carriage return, OWASP's
    /// list) gets a leading apostrophe, so a name typed as "=HYPERLINK(...)" is shown, not run. Then RFC 4180:
    /// a cell with a comma, a quote or a line break is quoted, and its quotes doubled.
    /// </summary>
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            text = "'" + text;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
