namespace HeartsMinds.Community.Platform.Email;

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
