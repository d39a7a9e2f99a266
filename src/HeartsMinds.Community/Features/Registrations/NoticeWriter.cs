using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// Turns <see cref="RegistrationNotice"/>s into outbox emails (through the <see cref="RegistrationNotifier"/> and the
/// <see cref="SeriesNotifier"/>), in the caller's transaction: the <see cref="NoticeDispatcher"/>'s, which deletes the
/// notices in the same commit, or a dry run's, which is rolled back. Events, places and registrations are read as
/// they are now (the latest time, place and joining link); what only the moment of the change knew (who got a place,
/// their check-in code, what changed) comes from the notice.
/// </summary>
public sealed class NoticeWriter(CommunityDb db, RegistrationNotifier emails, SeriesNotifier series)
{
    public async Task WriteAsync(IReadOnlyList<RegistrationNotice> notices, CancellationToken cancellationToken)
    {
        if (notices.Count > 0) await WriteNoticesAsync(notices, cancellationToken);
        // Every-session people hear once of everything gathered: session changes, and places they gave up.
        await series.WriteAsync(cancellationToken);
    }

    private async Task WriteNoticesAsync(IReadOnlyList<RegistrationNotice> notices, CancellationToken cancellationToken)
    {
        var eventIds = notices.Select(n => n.EventId).Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var attendeeIds = notices.Where(n => n.AttendeeId is not null).Select(n => n.AttendeeId!.Value).Distinct().ToList();
        // Read without tracking: the copies are changed below only to say how things stood at the change.
        var attendees = attendeeIds.Count == 0 ? [] : await db.Attendees.AsNoTracking().Include(a => a.Registration)
            .Where(a => attendeeIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);

        foreach (var notice in notices.OrderBy(n => n.Id))
        {
            var ev = events[notice.EventId];
            var facts = notice.Facts;
            switch (notice.Kind)
            {
                case NoticeKind.PlacesGiven:
                    await PlacesGivenAsync(ev, notice, cancellationToken);
                    break;
                case NoticeKind.Promoted:
                    await emails.PromotedAsync(ev, AsItWas(attendees[notice.AttendeeId!.Value], AttendeeStatus.Confirmed), facts.CheckInCode!, cancellationToken);
                    break;
                case NoticeKind.Cancelled:
                    emails.Cancelled(ev, attendees[notice.AttendeeId!.Value], facts.HadPlace);
                    break;
                case NoticeKind.AddressReplaced:
                    var before = AsItWas(attendees[notice.AttendeeId!.Value], facts.HadPlace ? AttendeeStatus.Confirmed : AttendeeStatus.Waitlisted);
                    before.Name = facts.OldName!;
                    before.Email = facts.OldEmail!;
                    emails.AddressReplaced(ev, before);
                    break;
                case NoticeKind.Changed:
                    emails.Changed(ev, attendees[notice.AttendeeId!.Value], facts.WhatChanged!);
                    break;
                case NoticeKind.ManageLinkResent:
                    var registration = await db.Registrations.AsNoTracking().SingleAsync(r => r.Id == notice.RegistrationId, cancellationToken);
                    emails.ManageLinkResent(ev, registration, facts.ManageToken!);
                    break;
                case NoticeKind.SeriesUpdate:
                    series.Gather(facts.SeriesChanges ?? []);
                    break;
            }
        }
    }

    private async Task PlacesGivenAsync(Event ev, RegistrationNotice notice, CancellationToken cancellationToken)
    {
        var registration = await db.Registrations.AsNoTracking().Include(r => r.Attendees)
            .SingleAsync(r => r.Id == notice.RegistrationId, cancellationToken);
        var people = notice.Facts.People ?? [];
        // The newest row with each address: an earlier, cancelled place of the same person may share the registration.
        var added = registration.Attendees.Where(a => people.ContainsKey(a.EmailKey)).GroupBy(a => a.EmailKey)
            .Select(g => g.MaxBy(a => a.Id)!).OrderBy(a => a.Id)
            .Select(a => AsItWas(a, people[a.EmailKey].Confirmed ? AttendeeStatus.Confirmed : AttendeeStatus.Waitlisted, registration)).ToList();
        var checkInCodes = added.ToDictionary(a => a, a => people[a.EmailKey].CheckInCode);
        var positions = await WaitlistQueue.PositionsAsync(db, added, cancellationToken);
        await emails.PlacesGivenAsync(ev, registration, added, checkInCodes, positions, notice.Facts.ContactSummary, cancellationToken);
    }

    /// <summary>A copy of the person as they stood at the change, for their email; the row itself is not touched.</summary>
    private static Attendee AsItWas(Attendee now, AttendeeStatus status, Registration? registration = null) => new()
    {
        Id = now.Id, RegistrationId = now.RegistrationId, Registration = registration ?? now.Registration, EventId = now.EventId,
        Name = now.Name, Email = now.Email, EmailKey = now.EmailKey, Role = now.Role,
        AccessNeeds = now.AccessNeeds, DietaryNeeds = now.DietaryNeeds,
        Status = status, QueuePosition = now.QueuePosition, CheckInCodeHash = now.CheckInCodeHash,
        CreatedAt = now.CreatedAt, PromotedAt = now.PromotedAt, CancelledAt = now.CancelledAt, CheckedInAt = now.CheckedInAt,
    };
}
