namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// One newsletter to the Charter community: written as a draft, scheduled (or sent now), then sent by
/// <see cref="NewsletterSender"/> to the audience written when sending started (<see cref="NewsletterDelivery"/> rows).
/// </summary>
public sealed class Newsletter
{
    public const int SubjectMaxLength = 150;
    public const int PreviewLineMaxLength = 200;
    public const int BodyMaxLength = 50_000;

    public long Id { get; set; }
    public string Subject { get; set; } = "";

    /// <summary>The line many mail apps show after the subject in the inbox (a hidden "preheader" in the HTML).</summary>
    public string PreviewLine { get; set; } = "";

    /// <summary>Markdown with raw HTML off; building-block lines (<see cref="NewsletterContent"/>) are expanded when sending starts.</summary>
    public string BodyMarkdown { get; set; } = "";

    public NewsletterStatus Status { get; set; } = NewsletterStatus.Draft;

    /// <summary>When a scheduled newsletter starts; whole minutes (the form has no seconds), when the start job runs.</summary>
    public DateTimeOffset? ScheduledFor { get; set; }

    /// <summary>The Markdown as sent, blocks expanded: what every recipient and the public archive get.</summary>
    public string? SentMarkdown { get; set; }

    /// <summary>How many delivery rows were written when sending started.</summary>
    public int Recipients { get; set; }

    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>Content can change until sending starts.</summary>
    public bool Editable => Status is NewsletterStatus.Draft or NewsletterStatus.Scheduled;

    /// <summary>Started: it has an audience and a delivery report, and is in the public archive.</summary>
    public bool Started => Status is NewsletterStatus.Sending or NewsletterStatus.Paused or NewsletterStatus.Sent;
}
