using System.Net.Mail;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// Mail: how this instance delivers email. The first that is set wins: <see cref="SmtpOptions.Host"/> (send by SMTP),
/// then <see cref="PickupDirectory"/> (write .eml files); in Development with neither, files go to .data/mail.
/// Outside Development with neither, nothing is sent and messages wait in the outbox.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>Mail:From, the sender of every email, with a display name: "Name &lt;address@example.org&gt;".</summary>
    public string From { get; set; } = "Hearts & Minds Partnership <community@heartsandminds.example>";

    /// <summary>Mail:PickupDirectory: write each email as an .eml file here instead of sending it (development, demos).
    /// A relative path is relative to the content root. Ignored when Mail:Smtp:Host is set.</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>Mail:Smtp: the SMTP server that relays our email.</summary>
public sealed class SmtpOptions
{
    /// <summary>Mail:Smtp:Host. When set, email is sent by SMTP.</summary>
    public string? Host { get; set; }

    /// <summary>Mail:Smtp:Port, 587 (submission with STARTTLS) unless set. docker-compose's Mailpit listens on 1025.</summary>
    public int Port { get; set; } = 587;

    /// <summary>Mail:Smtp:User; leave empty for a server that needs no sign-in (Mailpit).</summary>
    public string? User { get; set; }

    /// <summary>Mail:Smtp:Password, with Mail:Smtp:User.</summary>
    public string? Password { get; set; }

    /// <summary>Mail:Smtp:UseStartTls, true unless set: upgrade the connection with STARTTLS before signing in.
    /// SmtpClient cannot speak implicit TLS (port 465). Set false only for a local server such as Mailpit.</summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>Mail:Smtp:Timeout, 30 seconds unless set: the longest one message's SMTP conversation may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Mail:Outbox: how the dispatcher works through the outbox.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Mail:Outbox";

    /// <summary>Mail:Outbox:Enabled, true unless set. False runs an instance that never sends (tests drive batches themselves);
    /// other instances still deliver what it writes.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Mail:Outbox:PollInterval, 10 seconds unless set: how often an idle dispatcher looks for due messages.
    /// An enqueue in this instance wakes it at once; other instances find the message on their next poll.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Mail:Outbox:BatchSize, 20 unless set: how many messages one dispatcher claims at a time.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Mail:Outbox:MaxAttempts, 10 unless set: after this many failed attempts a message is marked Failed.
    /// With the default delays that is about six hours of retrying.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Mail:Outbox:LeaseLength, 5 minutes unless set: how long a claimed batch belongs to its dispatcher.
    /// If the dispatcher dies, others may take its messages after this. A send only starts while enough of the
    /// lease is left for it to finish (Mail:Smtp:Timeout), so this must be longer than that timeout.</summary>
    public TimeSpan LeaseLength { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Mail:Outbox:RetryBaseDelay, 1 minute unless set: the wait after the first failure; it doubles after each
    /// further failure (with random jitter) up to Mail:Outbox:RetryMaxDelay.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Mail:Outbox:RetryMaxDelay, 2 hours unless set: the longest wait between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(2);
}

internal static class MailOptionsValidation
{
    public static bool HasValidFrom(MailOptions options)
    {
        try { return new MailAddress(options.From).Address.Length > 0; }
        catch (FormatException) { return false; }
    }
}
