using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Scheduling;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// What the <see cref="RegistrationDesk"/> writes under the event's lock instead of emails: one small
/// <see cref="RegistrationNotice"/> per thing to tell, saved with the change. The <see cref="NoticeDispatcher"/>
/// turns them into emails after the commit (<see cref="NoticeWriter"/>).
/// </summary>
public sealed class RegistrationNotices(CommunityDb db, SeriesNotifier series, NoticeSignal signal)
{
    /// <summary>New people on a registration, each with the check-in code only their email will carry.</summary>
    /// <param name="contactSummary">A new registration: its contact gets the summary with their private link.</param>
    public void PlacesGiven(Event ev, Registration registration, IEnumerable<Attendee> added, IReadOnlyDictionary<Attendee, string> checkInCodes, bool contactSummary = false) =>
        Add(ev, NoticeKind.PlacesGiven, registration, null, new NoticeFacts
        {
            ContactSummary = contactSummary,
            People = added.ToDictionary(a => a.EmailKey, a => new PersonNotice(checkInCodes[a], a.Status == AttendeeStatus.Confirmed)),
        });

    public void Promoted(Event ev, Attendee attendee, string checkInCode) =>
        Add(ev, NoticeKind.Promoted, null, attendee, new NoticeFacts { CheckInCode = checkInCode });

    /// <param name="hadPlace">They were confirmed, so their calendar holds an invitation that must be cancelled.</param>
    public void Cancelled(Event ev, Attendee attendee, bool hadPlace) =>
        Add(ev, NoticeKind.Cancelled, null, attendee, new NoticeFacts { HadPlace = hadPlace });

    /// <summary>Call before the attendee's address changes: the old one is told, and its invitation cancelled.</summary>
    public void AddressReplaced(Event ev, Attendee attendee) =>
        Add(ev, NoticeKind.AddressReplaced, null, attendee, new NoticeFacts
        {
            OldName = attendee.Name, OldEmail = attendee.Email, HadPlace = attendee.Status == AttendeeStatus.Confirmed,
        });

    public void Changed(Event ev, Attendee attendee, string whatChanged) =>
        Add(ev, NoticeKind.Changed, null, attendee, new NoticeFacts { WhatChanged = whatChanged });

    /// <param name="token">The new link, issued with the change so that "at most once an hour" counts it at once.</param>
    public void ManageLinkResent(Event ev, Registration registration, string token) =>
        Add(ev, NoticeKind.ManageLinkResent, registration, null, new NoticeFacts { ManageToken = token });

    /// <summary>
    /// The changes to sessions that the <see cref="SeriesNotifier"/> gathered during this change, as one notice: each
    /// person registered for every session then hears once, in one update of their series invitation.
    /// </summary>
    public void SeriesUpdates(Event anySession)
    {
        if (series.TakeGatheredChanges() is { Count: > 0 } changes)
            Add(anySession, NoticeKind.SeriesUpdate, null, null, new NoticeFacts { SeriesChanges = changes });
    }

    /// <summary>Call after the commit: this instance writes the emails now rather than at its next poll.</summary>
    public void Wake() => signal.Wake();

    private void Add(Event ev, NoticeKind kind, Registration? registration, Attendee? attendee, NoticeFacts facts) =>
        db.Set<RegistrationNotice>().Add(new RegistrationNotice
        {
            Kind = kind,
            EventId = ev.Id,
            // By reference when new, so the notice is inserted with the registration, in the same save.
            Registration = registration is { Id: 0 } ? registration : null,
            RegistrationId = registration is { Id: > 0 } ? registration.Id : null,
            AttendeeId = attendee?.Id,
            Facts = facts,
        });
}

/// <summary>Wakes this instance's <see cref="NoticeDispatcher"/> after a change with notices has committed.</summary>
public sealed class NoticeSignal : WakeSignal;
