namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// One private link, as emailed: a contact's, to a registration or an every-session subscription, or a person's own,
/// to their place at one event or to their every-session registration. Exactly one owner is set. Several can work
/// at once (each email that carried one keeps working), and each can be turned off. Only the token's SHA-256 is kept.
/// </summary>
public sealed class ManageLink
{
    public long Id { get; set; }

    /// <summary>The registration this link opens; null when it opens a subscription.</summary>
    public long? RegistrationId { get; set; }
    public Registration? Registration { get; set; }

    /// <summary>The every-session subscription this link opens; null when it opens a registration.</summary>
    public long? SeriesSubscriptionId { get; set; }
    public SeriesSubscription? SeriesSubscription { get; set; }

    /// <summary>A person's own link to their place at one event.</summary>
    public long? AttendeeId { get; set; }
    public Attendee? Attendee { get; set; }

    /// <summary>A person's own link to their part of an every-session registration.</summary>
    public long? SeriesSubscriberId { get; set; }
    public SeriesSubscriber? SeriesSubscriber { get; set; }

    public string TokenHash { get; set; } = "";

    /// <summary>Sent again because someone tried to register the same people, rather than with the registration itself.</summary>
    public bool Resent { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the link stopped working (the contact turned it off); null while it works.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
