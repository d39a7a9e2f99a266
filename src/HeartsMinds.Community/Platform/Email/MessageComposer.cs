using System.Text;
using HeartsMinds.Community.Platform.Web;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// Turns an <see cref="OutboxMessage"/> into the MIME message that is sent: multipart/alternative (text, HTML, and
/// the iMIP calendar when there is one), inside multipart/mixed when there are attachments; the HTML and its inline
/// images together are a multipart/related. MimeKit encodes UTF-8
/// names and subjects. A message that cannot be composed throws <see cref="FormatException"/> (MimeKit's
/// ParseException is one) or <see cref="ArgumentException"/>: no retry can fix it.
/// </summary>
public sealed class MessageComposer(IOptions<MailOptions> mail, IOptions<SiteOptions> site)
{
    /// <summary>Headers the composer writes itself; an outbox message may not add a second one.</summary>
    private static readonly HashSet<string> OwnHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Cc", "Bcc", "Subject", "Message-ID", "Date", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
    };

    public MimeMessage Compose(OutboxMessage message)
    {
        var mime = new MimeMessage
        {
            // A line break has no place in a subject or header; as a space it cannot start a new header either.
            Subject = message.Subject.ReplaceLineEndings(" "),
            MessageId = MessageId(message.MessageId),
        };
        mime.From.Add(MailboxAddress.Parse(mail.Value.From));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        foreach (var (name, value) in message.Headers)
        {
            if (OwnHeaders.Contains(name))
                throw new ArgumentException($"The header {name} is written by the composer and cannot be added.");
            mime.Headers.Add(name, value.ReplaceLineEndings(" "));
        }

        // multipart/alternative, plainest first: text, then HTML, then the calendar invitation (RFC 6047 §2.4).
        // Inline images belong to the HTML alone, so they sit with it in a multipart/related (RFC 2387) inside the
        // alternative; the calendar stays a direct alternative, where calendar apps look for it.
        var alternative = new MultipartAlternative { Text("plain", message.TextBody) };
        var inline = message.Attachments.Where(a => a.IsInline).ToList();
        if (message.HtmlBody is not null)
            alternative.Add(inline.Count == 0 ? Text("html", message.HtmlBody) : Related(message.HtmlBody, inline));
        else if (inline.Count > 0)
            throw new ArgumentException("An email with inline images needs an HTML body to show them.");
        if (message.CalendarMethod is not null)
            alternative.Add(Calendar(message.CalendarMethod, message.CalendarContent));
        MimeEntity body = alternative.Count == 1 ? alternative[0] : alternative;

        var files = message.Attachments.Where(a => !a.IsInline).ToList();
        if (files.Count > 0)
        {
            var mixed = new Multipart("mixed") { body };
            foreach (var file in files)
                mixed.Add(Attachment(file));
            body = mixed;
        }
        mime.Body = body;
        return mime;
    }

    /// <summary>The same on every attempt, so a receiver (or a person) can tell a repeat from a new message.
    /// Without the angle brackets, which MimeKit adds.</summary>
    public string MessageId(Guid messageId)
    {
        var host = Uri.TryCreate(site.Value.BaseUrl, UriKind.Absolute, out var baseUrl) && baseUrl.Host.Length > 0
            ? baseUrl.IdnHost : "heartsminds.local";
        return $"{messageId:D}@{host}";
    }

    /// <summary>Quoted-printable keeps mostly-English text readable on the wire; CRLF is text's canonical line end.</summary>
    private static TextPart Text(string subtype, string text)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, text.ReplaceLineEndings("\r\n"));
        return part;
    }

    /// <summary>iMIP (RFC 6047): the part's method parameter must be the METHOD inside, or calendar apps ignore the invitation.</summary>
    private static TextPart Calendar(string method, string? content)
    {
        if (string.IsNullOrEmpty(content))
            throw new ArgumentException("CalendarMethod is set but CalendarContent is empty.");
        var methodLine = content.Split(["\r\n", "\n"], StringSplitOptions.None)
            .FirstOrDefault(line => line.StartsWith("METHOD:", StringComparison.OrdinalIgnoreCase));
        var contentMethod = methodLine?["METHOD:".Length..].Trim();
        if (!string.Equals(contentMethod, method, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"CalendarMethod {method} does not match METHOD:{contentMethod} in the calendar content.");

        // Base64 keeps the calendar's CRLF line ends and folding byte for byte, whatever a relay does to long lines.
        var part = new TextPart("calendar") { ContentTransferEncoding = ContentEncoding.Base64 };
        part.ContentType.Parameters.Add("method", method.ToUpperInvariant());
        part.SetText(Encoding.UTF8, content);
        return part;
    }

    /// <summary>The HTML first (the root), then each image it refers to as cid:, marked inline with its Content-ID.</summary>
    private static MultipartRelated Related(string html, IEnumerable<OutboxAttachment> images)
    {
        // Setting Root (rather than adding the HTML first) also writes the type parameter RFC 2387 asks for.
        var related = new MultipartRelated { Root = Text("html", html) };
        foreach (var image in images)
        {
            var part = Attachment(image);
            part.ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = image.FileName };
            part.ContentId = image.ContentId;
            related.Add(part);
        }
        return related;
    }

    private static MimePart Attachment(OutboxAttachment file) => new(ContentType.Parse(file.ContentType))
    {
        Content = new MimeContent(new MemoryStream(file.Content, writable: false)),
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
        ContentTransferEncoding = ContentEncoding.Base64,
        FileName = file.FileName,
    };
}
