using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// Sends one <see cref="OutboxMessage"/>: composed by the <see cref="MessageComposer"/>, then sent with MailKit over a
/// pooled connection, or written as an .eml file to the pickup directory (see <see cref="MailDelivery"/>). Never
/// throws: every failure becomes a <see cref="SendOutcome"/> that says whether to retry.
/// </summary>
public sealed class SmtpMailTransport(MailDelivery delivery, MessageComposer composer, IOptions<MailOptions> mail)
{
    /// <summary>CRLF, as on the wire, so a file is a real RFC 5322 message on every platform.</summary>
    private static readonly FormatOptions PickupFormat = new() { NewLineFormat = NewLineFormat.Dos };

    public async Task<SendOutcome> SendAsync(SmtpConnection connection, OutboxMessage message)
    {
        MimeMessage composed;
        try
        {
            composed = composer.Compose(message);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // A bad address, a bad header name, a calendar whose METHOD disagrees: no retry can fix it.
            return new(SendResult.Rejected, $"The message cannot be composed: {ex.Message}");
        }
        using var mime = composed;

        if (delivery.PickupDirectory is { } folder)
            return WriteToPickupDirectory(folder, message, mime);

        var timeout = mail.Value.Smtp.Timeout;
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var client = await connection.ClientAsync(deadline.Token);
            await client.SendAsync(mime, deadline.Token);
            return SendOutcome.Sent;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            connection.Discard();
            return new(SendResult.RetryLater, $"The SMTP server did not finish within {timeout} (Mail:Smtp:Timeout).", ServerUnavailable: true);
        }
        catch (Exception ex)
        {
            var outcome = Classify(ex);
            // A refused recipient or message leaves the session usable (MailKit resets it); anything else may not have.
            if (outcome.ServerUnavailable) connection.Discard();
            return outcome;
        }
    }

    /// <summary>Written under a temporary name and then renamed, so the mailbox never reads half a file. The name is the
    /// Message-ID's, so a repeat overwrites the first copy.</summary>
    private static SendOutcome WriteToPickupDirectory(string folder, OutboxMessage message, MimeMessage mime)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var temporary = Path.Combine(folder, $"{message.MessageId:D}.tmp");
            mime.WriteTo(PickupFormat, temporary);
            File.Move(temporary, Path.Combine(folder, $"{message.MessageId:D}.eml"), overwrite: true);
            return SendOutcome.Sent;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new(SendResult.RetryLater, $"The message could not be written to {folder}: {ex.Message}", ServerUnavailable: true);
        }
    }

    /// <summary>
    /// 5xx replies that concern this message or its recipient are final (RFC 5321 §4.2.1): 550–554 to RCPT or to the
    /// message data, and 552 (too big, when the server checks SIZE) to MAIL FROM. Everything else is retried:
    /// 4xx replies (421 service not available, 450 mailbox busy, 451, 452), network failures and timeouts, and also
    /// 5xx replies about the session or the sender (500–504 protocol, 530/535 authentication, 550/553 to MAIL FROM),
    /// which are our configuration problems rather than the message's (every message has the same sender) and must not
    /// fail every message in the outbox at once. Only a recipient's own 4xx (450, 452) leaves the rest of the batch
    /// to go on; anything else says the server is unavailable for now.
    /// </summary>
    internal static SendOutcome Classify(Exception ex)
    {
        var error = Describe(ex);
        if (ex is SmtpCommandException command)
        {
            var code = (int)command.StatusCode;
            var aboutThisMessage = command.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted
                                   || command is { ErrorCode: SmtpErrorCode.SenderNotAccepted, StatusCode: SmtpStatusCode.ExceededStorageAllocation };
            if (aboutThisMessage && code is >= 550 and <= 554)
                return new(SendResult.Rejected, error);
            if (command.ErrorCode is SmtpErrorCode.RecipientNotAccepted && code is >= 400 and < 500 and not 421 and not 451)
                return new(SendResult.RetryLater, error);
        }
        // SmtpProtocolException, IOException, SocketException, AuthenticationException, ServiceNotConnectedException,
        // SslHandshakeException, NotSupportedException (no STARTTLS offered) and the rest.
        return new(SendResult.RetryLater, error, ServerUnavailable: true);
    }

    /// <summary>The reply code and the messages down the chain, for the outbox row and the log.</summary>
    private static string Describe(Exception ex)
    {
        var parts = new List<string>();
        if (ex is SmtpCommandException command)
            parts.Add($"SMTP {(int)command.StatusCode} {command.StatusCode} ({command.ErrorCode}{(command.Mailbox is { } mailbox ? $" {mailbox.Address}" : "")}):");
        for (var e = ex; e is not null; e = e.InnerException)
            parts.Add(e.Message);
        var text = string.Join(" ", parts);
        return text.Length <= 1000 ? text : text[..1000];
    }
}
