using System.Text;
using System.Text.RegularExpressions;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// Text people typed (a board post, an event title), made into Markdown that says exactly that text: whatever Markdown
/// or HTML is in it shows as written, so it can't become a link, an image, a heading or raw HTML in a summary someone
/// pastes elsewhere or in a newsletter.
/// </summary>
public static partial class MarkdownText
{
    /// <summary>
    /// Backslash-escapes (CommonMark: any ASCII punctuation may be escaped) every character that starts inline
    /// Markdown or HTML anywhere in a line, and those that start a block at the beginning of one (lists, quotes,
    /// headings, rules). Leading spaces are dropped, so a line can't become a code block either.
    /// </summary>
    public static string Line(string text)
    {
        var line = text.Replace("\r", "").Replace("\n", " ").TrimStart(' ', '\t').TrimEnd();
        var escaped = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '(' or ')' or '!' or '|' or '~' or '&' or '{' or '}' or '#' or ':')
                escaped.Append('\\');
            escaped.Append(c);
        }
        var result = escaped.ToString();
        // At the start of a line: a bullet (- +), a rule or setext underline (- =), or an ordered list ("1." "1)").
        if (result.Length > 0 && result[0] is '-' or '+' or '=') result = "\\" + result;
        result = OrderedList().Replace(result, @"$1\.");
        // "www.example.org" would be linked by renderers with autolinks (GitHub's, Markdig's); a colon is already escaped.
        return WebAddress().Replace(result, "$1\\.");
    }

    /// <summary>
    /// A post's text as one blockquote: its paragraphs (blank-line separated) stay paragraphs, and its line breaks
    /// stay line breaks (a backslash at a line's end).
    /// </summary>
    public static string Quote(string text)
    {
        var paragraphs = Regex.Split(text.Replace("\r\n", "\n").Trim(), @"\n\s*\n")
            .Select(p => string.Join("\\\n> ", p.Split('\n').Select(Line).Where(l => l.Length > 0)))
            .Where(p => p.Length > 0);
        return "> " + string.Join("\n>\n> ", paragraphs);
    }

    [GeneratedRegex(@"^(\d{1,9})\.")]
    private static partial Regex OrderedList();

    [GeneratedRegex(@"(www)\.", RegexOptions.IgnoreCase)]
    private static partial Regex WebAddress();
}
