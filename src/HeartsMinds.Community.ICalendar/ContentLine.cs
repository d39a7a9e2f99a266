using System.Text;

namespace HeartsMinds.Community.ICalendar;

/// <summary>Writes content lines: CRLF endings and folding at 75 octets (RFC 5545 §3.1).</summary>
public static class ContentLine
{
    public const int MaxOctets = 75;

    /// <summary>
    /// Appends one logical line, folded so that no physical line exceeds 75 UTF-8 octets (not characters: the limit
    /// is in octets). Folds only between whole code points, so a UTF-8 sequence or surrogate pair is never split,
    /// and only when another code point follows, so a line ending exactly at the limit gets no empty continuation.
    /// </summary>
    public static void Append(StringBuilder sb, string line)
    {
        if (line.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new ArgumentException("A content line cannot hold a line break; escape the value first.", nameof(line));
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var n = rune.Utf8SequenceLength;
            if (octets + n > MaxOctets)
            {
                sb.Append("\r\n ");
                octets = 1; // the leading space counts
            }
            sb.Append(rune.ToString());
            octets += n;
        }
        sb.Append("\r\n");
    }

    public static string Fold(string line)
    {
        var sb = new StringBuilder();
        Append(sb, line);
        return sb.ToString();
    }

    /// <summary>The reverse of folding (RFC 5545 §3.1): remove every CRLF followed by one space or tab.</summary>
    public static string Unfold(string text) => text.Replace("\r\n ", "").Replace("\r\n\t", "");
}
