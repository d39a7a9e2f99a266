namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// One newsletter to one signatory, written when sending starts under the unique key (newsletter, signatory), and
/// claimed by a sender with a lease (<see cref="LockedBy"/> until <see cref="LockedUntil"/>) like the outbox.
/// </summary>
public sealed class NewsletterDelivery
{
    public long Id { get; set; }
    public long NewsletterId { get; set; }
    public long SignatoryId { get; set; }

    /// <summary>The address and name at the moment sending started.</summary>
    public string ToAddress { get; set; } = "";
    public string ToName { get; set; } = "";
    public string OrganisationName { get; set; } = "";

    /// <summary>The recipient's own preferences link token (only its hash is in charter_links), needed to write their
    /// unsubscribe links; blanked once it is sent or skipped (a failed one keeps it, for staff to try again).</summary>
    public string? LinkToken { get; set; }

    /// <summary>The Message-ID: the same on every attempt, so a repeat after a crash can be recognised.</summary>
    public Guid MessageId { get; set; }

    public DeliveryStatus Status { get; set; } = DeliveryStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
