using HeartsMinds.Community.Features.Events;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>A person registered, through a subscription, for every session of a series.</summary>
public sealed class SeriesSubscriber
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Role { get; set; }
    public string? AccessNeeds { get; set; }
    public DateTimeOffset? LeftAt { get; set; }

    /// <summary>The UID of this person's own recurring invitation to the series.</summary>
    public Guid CalendarUid { get; set; } = Guid.NewGuid();

    /// <summary>Raised with each change made only to this person's invitation (a session they dropped, a new address).</summary>
    public int CalendarSequence { get; set; }

    public string EmailKey => Attendee.KeyOf(Email);
}
