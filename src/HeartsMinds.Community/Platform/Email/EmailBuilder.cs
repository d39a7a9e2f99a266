using System.Net;
using System.Text;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// Writes the plain-text and HTML versions of an email side by side, so they always say the same thing.
/// Everything given is text and is encoded for HTML; links are the only markup.
/// </summary>
public sealed class EmailBuilder(string toAddress, string toName, string subject, string purpose)
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();
    private readonly List<OutboxAttachment> _attachments = [];
    private (string Method, string Content)? _calendar;

    public EmailBuilder Paragraph(string text)
    {
        _text.Append(text).Append("\n\n");
        _html.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    public EmailBuilder Heading(string text)
    {
        _text.Append(text).Append('\n').Append(new string('-', Math.Min(text.Length, 60))).Append("\n\n");
        _html.Append("<h2>").Append(Encode(text)).Append("</h2>\n");
        return this;
    }

    /// <summary>"Label: value" lines, skipping empty values.</summary>
    public EmailBuilder Details(params (string Label, string? Value)[] rows)
    {
        var present = rows.Where(r => !string.IsNullOrWhiteSpace(r.Value)).ToList();
        if (present.Count == 0) return this;
        foreach (var (label, value) in present) _text.Append(label).Append(": ").Append(value).Append('\n');
        _text.Append('\n');
        _html.Append("<table>\n");
        foreach (var (label, value) in present)
            _html.Append("<tr><th align=\"left\" valign=\"top\">").Append(Encode(label)).Append("</th><td>").Append(Encode(value!)).Append("</td></tr>\n");
        _html.Append("</table>\n");
        return this;
    }

    public EmailBuilder List(IEnumerable<string> items)
    {
        var all = items.ToList();
        foreach (var item in all) _text.Append("- ").Append(item).Append('\n');
        _text.Append('\n');
        _html.Append("<ul>\n");
        foreach (var item in all) _html.Append("<li>").Append(Encode(item)).Append("</li>\n");
        _html.Append("</ul>\n");
        return this;
    }

    public EmailBuilder Link(string text, string url)
    {
        _text.Append(text).Append(":\n").Append(url).Append("\n\n");
        _html.Append("<p><a href=\"").Append(Encode(url)).Append("\">").Append(Encode(text)).Append("</a></p>\n");
        return this;
    }

    public EmailBuilder Attach(string fileName, string contentType, byte[] content)
    {
        _attachments.Add(new OutboxAttachment(fileName, contentType, content));
        return this;
    }

    /// <summary>
    /// Makes the email an iMIP invitation (RFC 6047): the calendar becomes the text/calendar alternative that mail
    /// apps turn into Accept/Decline, and is attached as an .ics file too for apps that only offer attachments.
    /// </summary>
    public EmailBuilder Calendar(string method, string content)
    {
        _calendar = (method, content);
        return Attach(method == "CANCEL" ? "cancel.ics" : "invite.ics", "application/ics", Encoding.UTF8.GetBytes(content));
    }

    public OutboxMessage Build() => new()
    {
        ToAddress = toAddress,
        ToName = toName,
        Subject = subject,
        Purpose = purpose,
        TextBody = _text.ToString().TrimEnd() + "\n",
        HtmlBody = $"<!DOCTYPE html>\n<html lang=\"en-GB\"><body>\n{_html}</body></html>\n",
        Attachments = _attachments,
        CalendarMethod = _calendar?.Method,
        CalendarContent = _calendar?.Content,
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>");
}
