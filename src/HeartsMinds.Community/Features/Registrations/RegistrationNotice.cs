namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// "These people must be told": a small record written under the event's lock, in the same transaction as the change
/// of places, and turned into emails after the commit by the <see cref="NoticeDispatcher"/>. So a rush of
/// registrations waits only for the places, not for emails, calendar invitations and QR codes to be rendered; and
/// because the notice commits with the places, no email is lost, none is written twice, and none is written for a
/// change that rolled back.
/// </summary>
public sealed class RegistrationNotice
{
    public long Id { get; set; }
    public NoticeKind Kind { get; set; }
    public long EventId { get; set; }

    /// <summary>For <see cref="NoticeKind.PlacesGiven"/> and <see cref="NoticeKind.ManageLinkResent"/>.</summary>
    public long? RegistrationId { get; set; }
    public Registration? Registration { get; set; }

    /// <summary>The one person a notice about a single place is for.</summary>
    public long? AttendeeId { get; set; }

    public NoticeFacts Facts { get; set; } = new();

    /// <summary>Failed writes are tried again later, with a growing pause; none is dropped.</summary>
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; } = DateTimeOffset.UtcNow;
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum NoticeKind
{
    /// <summary>New places or waitlist spots on a registration (and, for a new one, the contact's summary).</summary>
    PlacesGiven,
    Promoted,
    Cancelled,
    /// <summary>The old address of a person whose address was corrected: their invitation is taken back.</summary>
    AddressReplaced,
    Changed,
    ManageLinkResent,
    /// <summary>What an every-session registration's people must hear of a change to its sessions (gathered, one email each).</summary>
    SeriesUpdate,
}

/// <summary>What the email needs that the database will not say later: the facts as they were at the change.</summary>
public sealed class NoticeFacts
{
    /// <summary>PlacesGiven: each person by email key, with their check-in code and whether they got a place.</summary>
    public Dictionary<string, PersonNotice>? People { get; set; }

    /// <summary>PlacesGiven: a new registration, so its contact gets the summary with their private link.</summary>
    public bool ContactSummary { get; set; }

    /// <summary>Promoted: the new check-in code. Kept only until the email is written (its hash is on the attendee).</summary>
    public string? CheckInCode { get; set; }

    /// <summary>ManageLinkResent: the new link, kept only until the email is written.</summary>
    public string? ManageToken { get; set; }

    /// <summary>Cancelled, AddressReplaced: they had a confirmed place, so a calendar cancellation goes too.</summary>
    public bool HadPlace { get; set; }

    /// <summary>Changed: in words.</summary>
    public string? WhatChanged { get; set; }

    /// <summary>AddressReplaced: who and where the place was before the correction.</summary>
    public string? OldName { get; set; }
    public string? OldEmail { get; set; }

    /// <summary>SeriesUpdate: each series' changes, in words.</summary>
    public Dictionary<long, List<string>>? SeriesChanges { get; set; }
}

public sealed record PersonNotice(string CheckInCode, bool Confirmed);
