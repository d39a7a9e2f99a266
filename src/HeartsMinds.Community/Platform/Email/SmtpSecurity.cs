namespace HeartsMinds.Community.Platform.Email;

/// <summary>Mail:Smtp:Security: how the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Connect in plain text, then upgrade with STARTTLS before anything else (submission, port 587).
    /// A server that does not offer STARTTLS is refused, never used unencrypted.</summary>
    StartTls,

    /// <summary>TLS from the first byte ("implicit TLS", port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS at all: only for a catcher on the same machine or network, such as Mailpit.</summary>
    None,
}
