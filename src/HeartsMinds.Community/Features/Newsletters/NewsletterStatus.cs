namespace HeartsMinds.Community.Features.Newsletters;

public enum NewsletterStatus
{
    Draft,
    Scheduled,
    /// <summary>Deliveries written; senders are working through them.</summary>
    Sending,
    /// <summary>Staff paused it: senders claim no more of its deliveries until it is resumed.</summary>
    Paused,
    /// <summary>Every delivery has ended (sent, failed for good, or skipped).</summary>
    Sent,
}
