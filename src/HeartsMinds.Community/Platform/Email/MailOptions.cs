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
