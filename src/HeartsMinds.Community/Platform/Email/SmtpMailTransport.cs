using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using HeartsMinds.Community.Platform.Web;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// Turns an <see cref="OutboxMessage"/> into a MIME message and hands it to System.Net.Mail.SmtpClient, which either
/// talks SMTP or writes an .eml file to the pickup directory (see <see cref="MailDelivery"/>).
/// MailKit/MimeKit are not available here; SmtpClient is adequate for submission to a relay with STARTTLS.
/// </summary>
public sealed class SmtpMailTransport(MailDelivery delivery, IOptions<MailOptions> mail, IOptions<SiteOptions> site)
{
    /// <summary>
    /// One client per batch: its synchronous Send reuses one connection for the whole batch and honours the timeout.
    /// A client does one send at a time, so a batch is sent sequentially.
    /// </summary>
    public SmtpClient CreateClient()
    {
        var smtp = mail.Value.Smtp;
        if (delivery.SmtpHost is { } host)
            return new SmtpClient(host, smtp.Port)
            {
                EnableSsl = smtp.UseStartTls,
                Timeout = (int)smtp.Timeout.TotalMilliseconds,
                Credentials = string.IsNullOrEmpty(smtp.User) ? null : new NetworkCredential(smtp.User, smtp.Password),
            };
        if (delivery.PickupDirectory is { } folder)
        {
            Directory.CreateDirectory(folder);
            return new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = folder,
            };
        }
        throw new InvalidOperationException(delivery.Description);
    }

    public SendOutcome Send(SmtpClient client, OutboxMessage message)
    {
        MailMessage mailMessage;
        try
        {
            mailMessage = Compose(message);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // A bad address, a subject with a line break, a bad header name, a calendar whose METHOD disagrees:
            // no retry can fix it. (Line breaks in names and header values are encoded, not refused.)
            return new(SendResult.Rejected, $"The message cannot be composed: {ex.Message}");
        }

        using (mailMessage)
        {
            try
            {
                client.Send(mailMessage);
                return SendOutcome.Sent;
            }
            catch (Exception ex)
            {
                return Classify(ex);
            }
        }
    }

    public MailMessage Compose(OutboxMessage message)
    {
        var mailMessage = new MailMessage
        {
            From = new MailAddress(mail.Value.From),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        try
        {
            mailMessage.To.Add(new MailAddress(message.ToAddress, message.ToName, Encoding.UTF8));
            mailMessage.Headers.Add("Message-ID", MessageIdHeader(message.MessageId));
            foreach (var (name, value) in message.Headers)
                mailMessage.Headers.Add(name, value);

            // multipart/alternative, plainest first: text, then HTML, then the calendar invitation (RFC 6047 §2.4).
            mailMessage.AlternateViews.Add(TextView(message.TextBody, MediaTypeNames.Text.Plain));
            if (message.HtmlBody is not null)
                mailMessage.AlternateViews.Add(TextView(message.HtmlBody, MediaTypeNames.Text.Html));
            if (message.CalendarMethod is not null)
                mailMessage.AlternateViews.Add(CalendarView(message.CalendarMethod, message.CalendarContent));

            foreach (var file in message.Attachments)
            {
                var attachment = new Attachment(new MemoryStream(file.Content), new ContentType(file.ContentType) { Name = file.FileName });
                attachment.ContentDisposition!.FileName = file.FileName;
                mailMessage.Attachments.Add(attachment);
            }
            return mailMessage;
        }
        catch
        {
            mailMessage.Dispose();
            throw;
        }
    }

    /// <summary>The same on every attempt, so a receiver (or a person) can tell a repeat from a new message.</summary>
    public string MessageIdHeader(Guid messageId)
    {
        var host = Uri.TryCreate(site.Value.BaseUrl, UriKind.Absolute, out var baseUrl) && baseUrl.Host.Length > 0
            ? baseUrl.IdnHost : "heartsminds.local";
        return $"<{messageId:D}@{host}>";
    }

    /// <summary>Base64, because SmtpClient's quoted-printable encodes line breaks as =0D=0A, which RFC 2045 §6.7
    /// does not allow for text.</summary>
    private static AlternateView TextView(string text, string mediaType)
    {
        var view = AlternateView.CreateAlternateViewFromString(text.ReplaceLineEndings("\r\n"), new ContentType(mediaType) { CharSet = "utf-8" });
        view.TransferEncoding = TransferEncoding.Base64;
        return view;
    }

    /// <summary>iMIP (RFC 6047): the part's method parameter must be the METHOD inside, or calendar apps ignore the invitation.</summary>
    private static AlternateView CalendarView(string method, string? content)
    {
        if (string.IsNullOrEmpty(content))
            throw new ArgumentException("CalendarMethod is set but CalendarContent is empty.");
        var methodLine = content.Split(["\r\n", "\n"], StringSplitOptions.None)
            .FirstOrDefault(line => line.StartsWith("METHOD:", StringComparison.OrdinalIgnoreCase));
        var contentMethod = methodLine?["METHOD:".Length..].Trim();
        if (!string.Equals(contentMethod, method, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"CalendarMethod {method} does not match METHOD:{contentMethod} in the calendar content.");

        var contentType = new ContentType("text/calendar") { CharSet = "utf-8" };
        contentType.Parameters["method"] = method.ToUpperInvariant();
        // Base64 also keeps the calendar's CRLF line ends and folding byte for byte.
        var view = AlternateView.CreateAlternateViewFromString(content, contentType);
        view.TransferEncoding = TransferEncoding.Base64;
        return view;
    }

    /// <summary>
    /// 5xx replies that concern this message or its recipient are final (RFC 5321 §4.2.1). Everything else is retried:
    /// 4xx replies (421 service not available, 450 mailbox busy, 451, 452), network failures and timeouts, and also
    /// 5xx replies about the session itself (500–504 protocol, 530/535 authentication), which are our configuration
    /// problems rather than the message's and must not fail every message in the outbox at once.
    /// </summary>
    internal static SendOutcome Classify(Exception ex)
    {
        var error = Describe(ex);
        if (ex is SmtpException smtp)
        {
            var code = (int)smtp.StatusCode;
            if (smtp.StatusCode is SmtpStatusCode.MailboxUnavailable or SmtpStatusCode.UserNotLocalTryAlternatePath
                or SmtpStatusCode.ExceededStorageAllocation or SmtpStatusCode.MailboxNameNotAllowed or SmtpStatusCode.TransactionFailed)
                return new(SendResult.Rejected, error);
            // SmtpClient reports only 450 and 452 to RCPT as this recipient's problem; 451 (greylisting, a server in
            // trouble) and 421 come as plain SmtpExceptions, and like the rest they pause the batch.
            if (code is >= 400 and < 500 && smtp is SmtpFailedRecipientException)
                return new(SendResult.RetryLater, error);
            // GeneralFailure (-1) is what SmtpClient reports for refused connections, timeouts and broken streams.
            return new(SendResult.RetryLater, error, ServerUnavailable: true);
        }
        return new(SendResult.RetryLater, error, ServerUnavailable: true);
    }

    /// <summary>The reply code and the messages down the chain: the outer SmtpException alone often says only "Failure sending mail".</summary>
    private static string Describe(Exception ex)
    {
        var parts = new List<string>();
        if (ex is SmtpException { StatusCode: not SmtpStatusCode.GeneralFailure } smtp)
            parts.Add($"SMTP {(int)smtp.StatusCode} {smtp.StatusCode}:");
        for (var e = ex; e is not null; e = e.InnerException)
            parts.Add(e.Message);
        var text = string.Join(" ", parts);
        return text.Length <= 1000 ? text : text[..1000];
    }
}
