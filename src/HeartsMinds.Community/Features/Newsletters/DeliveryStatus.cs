namespace HeartsMinds.Community.Features.Newsletters;

public enum DeliveryStatus
{
    /// <summary>Waiting: not tried yet, or to be tried again after a passing failure.</summary>
    Pending,
    Sent,
    /// <summary>Refused for good by the server, or still failing after every attempt.</summary>
    Failed,
    /// <summary>Not sent: the signatory turned the newsletter off (or withdrew) before their turn came.</summary>
    Skipped,
}
