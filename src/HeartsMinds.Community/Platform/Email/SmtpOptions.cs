namespace HeartsMinds.Community.Platform.Email;

/// <summary>Mail:Smtp: the SMTP server that relays our email.</summary>
public sealed class SmtpOptions
{
    /// <summary>Mail:Smtp:Host. When set, email is sent by SMTP.</summary>
    public string? Host { get; set; }

    /// <summary>Mail:Smtp:Port, 587 (submission with STARTTLS) unless set; 465 for implicit TLS. docker-compose's
    /// Mailpit listens on 1025.</summary>
    public int Port { get; set; } = 587;

    /// <summary>Mail:Smtp:User; leave empty for a server that needs no sign-in (Mailpit).</summary>
    public string? User { get; set; }

    /// <summary>Mail:Smtp:Password, with Mail:Smtp:User.</summary>
    public string? Password { get; set; }

    /// <summary>Mail:Smtp:Security: StartTls, SslOnConnect or None. Unless set: SslOnConnect on port 465, StartTls
    /// on any other port (None if the older Mail:Smtp:UseStartTls is false).</summary>
    public SmtpSecurity? Security { get; set; }

    /// <summary>Mail:Smtp:UseStartTls, the older spelling of Security, still read so that existing deployments keep
    /// working: false means Security None. Mail:Smtp:Security wins when both are set.</summary>
    public bool? UseStartTls { get; set; }

    /// <summary>Mail:Smtp:Connections, 4 unless set: how many SMTP connections this instance keeps open and sends
    /// over at once. Each is reused for many messages.</summary>
    public int Connections { get; set; } = 4;

    /// <summary>Mail:Smtp:Timeout, 30 seconds unless set: the longest one message may take, including opening a
    /// connection for it when none is open.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The security in force, after the defaults and the older setting.</summary>
    public SmtpSecurity EffectiveSecurity =>
        Security ?? (UseStartTls == false ? SmtpSecurity.None : Port == 465 ? SmtpSecurity.SslOnConnect : SmtpSecurity.StartTls);
}
