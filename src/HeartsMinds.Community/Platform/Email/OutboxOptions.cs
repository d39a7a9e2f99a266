namespace HeartsMinds.Community.Platform.Email;

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
