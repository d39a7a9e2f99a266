using System.Text;

namespace HeartsMinds.Community.ICalendar;

/// <summary>RFC 5545 §3.3.11 TEXT escaping: backslash first, then ';' ',' and line breaks.</summary>
public static class CalendarText
{
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case ';': sb.Append(@"\;"); break;
                case ',': sb.Append(@"\,"); break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n') i++;
                    sb.Append(@"\n");
                    break;
                case '\n': sb.Append(@"\n"); break;
                // TEXT may not hold other control characters (RFC 5545 §3.3.11 TSAFE-CHAR excludes CONTROL but
                // allows HTAB); dropping them is kinder than refusing a whole event over a pasted character.
                case '\t': sb.Append(c); break;
                default:
                    if (!char.IsControl(c)) sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// A parameter value (RFC 5545 §3.2): DQUOTE and control characters cannot appear at all, so they are removed;
    /// a value with ':' ';' or ',' is quoted, otherwise parsers would cut it there.
    /// </summary>
    public static string ParameterValue(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        foreach (var c in value)
            if (c != '"' && !char.IsControl(c)) sb.Append(c);
        var clean = sb.ToString();
        return clean.AsSpan().IndexOfAny(":;,") >= 0 ? "\"" + clean + "\"" : clean;
    }
}
