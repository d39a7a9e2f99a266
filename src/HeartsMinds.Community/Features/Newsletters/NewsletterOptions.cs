namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>Newsletters:*: how newsletters are started and sent.</summary>
public sealed class NewsletterOptions
{
    public const string Section = "Newsletters";

    /// <summary>Newsletters:SendingEnabled, true unless set. False: this instance sends no newsletters (others do).</summary>
    public bool SendingEnabled { get; set; } = true;

    /// <summary>Newsletters:Connections, 4 unless set: SMTP connections this instance opens for newsletters (their own
    /// pool, beside the outbox's), and so how many messages it sends at once.</summary>
    public int Connections { get; set; } = 4;

    /// <summary>Newsletters:MessagesPerMinute, 300 unless set: the most newsletter messages this instance sends a
    /// minute, for mail providers that limit the rate. 0 means no cap.</summary>
    public int MessagesPerMinute { get; set; } = 300;

    /// <summary>Newsletters:BatchSize, 20 unless set: deliveries one sender claims at a time (fewer when the rate cap
    /// would make a batch last more than about ten seconds).</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Newsletters:LeaseLength, 2 minutes unless set: how long claimed deliveries belong to their sender. After
    /// a crash, the deliveries it held wait this long before another sender takes them. It must exceed
    /// Mail:Smtp:Timeout plus ten seconds.</summary>
    public TimeSpan LeaseLength { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Newsletters:PollInterval, 5 seconds unless set: how often an idle sender looks for work. Starting a
    /// newsletter in this instance wakes its senders at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Newsletters:MaxAttempts, 8 unless set: after this many passing failures a delivery is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Newsletters:RetryBaseDelay, 1 minute unless set: the wait after a passing failure, doubling each time
    /// (with jitter) up to Newsletters:RetryMaxDelay (1 hour unless set).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Newsletters:StartSchedule, every minute at :00 unless set (a Quartz cron expression, UK time): when
    /// the job that starts scheduled newsletters runs. Scheduled times are whole minutes, so they start on time.</summary>
    public string StartSchedule { get; set; } = "0 * * * * ?";
}
