namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// Where this instance's email goes, decided once at start-up from <see cref="MailOptions"/>:
/// an SMTP server, a pickup directory of .eml files, or (misconfigured) nowhere yet.
/// </summary>
public sealed class MailDelivery
{
    private MailDelivery(string? smtpHost, string? pickupDirectory, string description)
    {
        SmtpHost = smtpHost;
        PickupDirectory = pickupDirectory;
        Description = description;
    }

    public string? SmtpHost { get; }

    /// <summary>Absolute path of the folder the .eml files go to, when mail is not sent by SMTP.</summary>
    public string? PickupDirectory { get; }

    public bool CanDeliver => SmtpHost is not null || PickupDirectory is not null;

    /// <summary>A sentence for the start-up log and the development mailbox.</summary>
    public string Description { get; }

    public static MailDelivery Decide(MailOptions options, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
            return new(options.Smtp.Host.Trim(), null,
                $"Email is sent by SMTP to {options.Smtp.Host}:{options.Smtp.Port} {Protection(options.Smtp.EffectiveSecurity)}, " +
                $"over up to {options.Smtp.Connections} connections.");

        var folder = !string.IsNullOrWhiteSpace(options.PickupDirectory)
            ? Path.GetFullPath(options.PickupDirectory, environment.ContentRootPath)
            : environment.IsDevelopment() ? Path.Combine(RepositoryRootOrContentRoot(environment), ".data", "mail") : null;
        if (folder is not null)
            return new(null, folder, $"Email is not sent: each message is written as an .eml file to {folder}.");

        return new(null, null,
            "Email cannot be sent: neither Mail:Smtp:Host nor Mail:PickupDirectory is set. Messages stay in the outbox " +
            "(status Pending) and are sent once one of them is set and the app restarted.");
    }

    private static string Protection(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => "with implicit TLS",
        SmtpSecurity.None => "without TLS",
        _ => "with STARTTLS",
    };

    /// <summary>In a source checkout the repository root holds .data/ (ignored by git); elsewhere the content root does.</summary>
    private static string RepositoryRootOrContentRoot(IHostEnvironment environment)
    {
        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HeartsMinds.Community.sln")))
                return dir.FullName;
        return environment.ContentRootPath;
    }
}
