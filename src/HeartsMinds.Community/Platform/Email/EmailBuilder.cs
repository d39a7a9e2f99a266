using System.Text;
using HeartsMinds.Community.Platform.Web;
using static HeartsMinds.Community.Platform.Email.EmailLayout;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// Writes the plain-text and HTML versions of an email side by side, so they always say the same thing, and puts
/// both in the one layout every email shares (<see cref="EmailLayout"/>) when built. Everything given is text and
/// is encoded for HTML; links, buttons and images are the only markup. Styles are inline: see EmailLayout for why.
/// </summary>
public sealed class EmailBuilder(string toAddress, string toName, string subject, string purpose)
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();
    private readonly List<OutboxAttachment> _attachments = [];
    private (string Method, string Content)? _calendar;
    private string? _reason;

    public EmailBuilder Paragraph(string text)
    {
        _text.Append(text).Append("\n\n");
        _html.Append("<p style=\"margin:0 0 16px;\">").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    public EmailBuilder Heading(string text)
    {
        _text.Append(text).Append('\n').Append(new string('-', Math.Min(text.Length, 60))).Append("\n\n");
        _html.Append("<h2 style=\"margin:24px 0 8px;font-size:18px;line-height:1.3;color:").Append(Ink).Append(";\">")
            .Append(Encode(text)).Append("</h2>\n");
        return this;
    }

    /// <summary>"Label: value" lines, skipping empty values. A value that is a web address is a link to itself.</summary>
    public EmailBuilder Details(params (string Label, string? Value)[] rows) =>
        Details(rows.Select(r => (r.Label, r.Value, IsWebAddress(r.Value) ? r.Value : null)).ToArray());

    /// <summary>
    /// "Label: value" lines, skipping empty values. A row with a URL is a link in the HTML (its value is the link's
    /// words); the text version gives the value and then the URL, unless they are the same.
    /// </summary>
    public EmailBuilder Details(params (string Label, string? Value, string? Url)[] rows)
    {
        var present = rows.Where(r => !string.IsNullOrWhiteSpace(r.Value)).ToList();
        if (present.Count == 0) return this;
        foreach (var (label, value, url) in present)
        {
            _text.Append(label).Append(": ").Append(value);
            if (IsWebAddress(url) && url != value) _text.Append(' ').Append(url);
            _text.Append('\n');
        }
        _text.Append('\n');
        _html.Append("<table cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:0 0 16px;border-collapse:collapse;\">\n");
        foreach (var (label, value, url) in present)
        {
            _html.Append("<tr><th align=\"left\" valign=\"top\" scope=\"row\" style=\"padding:4px 16px 4px 0;white-space:nowrap;font-weight:bold;\">")
                .Append(Encode(label)).Append("</th><td style=\"padding:4px 0;\">");
            if (IsWebAddress(url)) AppendLink(value!, url!);
            else _html.Append(Encode(value!));
            _html.Append("</td></tr>\n");
        }
        _html.Append("</table>\n");
        return this;
    }

    public EmailBuilder List(IEnumerable<string> items)
    {
        var all = items.ToList();
        foreach (var item in all) _text.Append("- ").Append(item).Append('\n');
        _text.Append('\n');
        _html.Append("<ul style=\"margin:0 0 16px;padding-left:24px;\">\n");
        foreach (var item in all) _html.Append("<li style=\"margin:0 0 4px;\">").Append(Encode(item)).Append("</li>\n");
        _html.Append("</ul>\n");
        return this;
    }

    public EmailBuilder Link(string text, string url)
    {
        _text.Append(text).Append(":\n").Append(url).Append("\n\n");
        _html.Append("<p style=\"margin:0 0 16px;\">");
        AppendLink(text, url);
        _html.Append("</p>\n");
        return this;
    }

    /// <summary>
    /// The main thing to do in the email, as a button in the HTML (a table cell, which every client, Outlook
    /// included, draws with its colour) and a plain link in the text. The note, if any, goes just below it.
    /// </summary>
    public EmailBuilder Button(string text, string url, string? note = null)
    {
        _text.Append(text).Append(":\n").Append(url).Append('\n');
        if (note is not null) _text.Append(note).Append('\n');
        _text.Append('\n');
        _html.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:8px 0 ")
            .Append(note is null ? "16" : "8").Append("px;\"><tr><td style=\"border-radius:6px;background-color:").Append(Brand).Append(";\">")
            .Append("<a href=\"").Append(Encode(url)).Append("\" style=\"display:inline-block;padding:12px 20px;border-radius:6px;")
            .Append("color:#ffffff;font-weight:bold;text-decoration:none;\">").Append(Encode(text)).Append("</a></td></tr></table>\n");
        if (note is not null)
            _html.Append("<p style=\"margin:0 0 16px;font-size:14px;color:").Append(InkSoft).Append(";\">").Append(Encode(note)).Append("</p>\n");
        return this;
    }

    /// <summary>
    /// An image shown in the HTML here, sent inside the email (multipart/related, by Content-ID) so it appears
    /// without the reader allowing remote images. The text version cannot show it: say what it is in a paragraph,
    /// and <see cref="Attach"/> the same file if people should be able to keep it.
    /// </summary>
    public EmailBuilder InlineImage(string fileName, string contentType, byte[] content, string alt, int width, int height)
    {
        var contentId = $"{Path.GetFileNameWithoutExtension(fileName)}.{Guid.NewGuid():N}@heartsminds.email";
        _attachments.Add(new OutboxAttachment(fileName, contentType, content, contentId));
        _html.Append("<p style=\"margin:0 0 16px;\"><img src=\"cid:").Append(Encode(contentId)).Append("\" alt=\"").Append(Encode(alt))
            .Append("\" width=\"").Append(width).Append("\" height=\"").Append(height)
            .Append("\" style=\"display:block;border:0;max-width:100%;height:auto;\"></p>\n");
        return this;
    }

    public EmailBuilder Attach(string fileName, string contentType, byte[] content)
    {
        _attachments.Add(new OutboxAttachment(fileName, contentType, content));
        return this;
    }

    /// <summary>Why this person is getting the email, for the footer: "You're getting this because …".</summary>
    public EmailBuilder Because(string reason)
    {
        _reason = reason;
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

    /// <summary>The email in the shared layout, which needs the site's name and contact address.</summary>
    public OutboxMessage Build(SiteOptions site)
    {
        var reason = _reason ?? DefaultReason(site);
        return new()
        {
            ToAddress = toAddress,
            ToName = toName,
            Subject = subject,
            Purpose = purpose,
            TextBody = EmailLayout.Text(site, _text.ToString(), reason),
            HtmlBody = EmailLayout.Html(site, subject, _html.ToString(), reason),
            Attachments = _attachments,
            CalendarMethod = _calendar?.Method,
            CalendarContent = _calendar?.Content,
        };
    }

    private void AppendLink(string text, string url) =>
        _html.Append("<a href=\"").Append(Encode(url)).Append("\" style=\"color:").Append(Brand).Append(";\">").Append(Encode(text)).Append("</a>");

    /// <summary>Only http(s) addresses become links in a details row; anything else stays text.</summary>
    private static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
