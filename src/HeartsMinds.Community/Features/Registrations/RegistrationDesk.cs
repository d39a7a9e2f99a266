using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// Every change to who holds a place happens here, inside one transaction that first takes a PostgreSQL advisory
/// lock on the event: the capacity check, the insert and the waitlist promotion cannot interleave, so an event is
/// never overbooked, however many people press Register at once. Under the lock it only decides and writes: the places,
/// and a small <see cref="RegistrationNotice"/> for each thing to tell, in the same transaction. The emails, calendar
/// invitations and QR codes are made from the notices after the commit (<see cref="NoticeDispatcher"/>), so the lock
/// is held for a few statements, not for rendering.
/// </summary>
public sealed class RegistrationDesk(CommunityDb db, RegistrationNotices notices, SeriesNotifier series, TimeProvider clock)
{
    // First half of the two-part advisory lock key: "places on an event". The second half is the event id.
    private const int EventPlacesLock = 0x504C; // "PL"

    /// <summary>
    /// Registers people for an event: places while there are any, then the waitlist. Inside a caller's transaction
    /// (an every-session registration taking its first places) it joins that one, and the caller commits.
    /// </summary>
    public async Task<RegistrationOutcome> RegisterAsync(RegistrationRequest request, CancellationToken cancellationToken = default)
    {
        await using var transaction = await BeginOrJoinAsync(cancellationToken);
        return await RegisterLockedAsync(request, transaction, cancellationToken);
    }

    private async Task<RegistrationOutcome> RegisterLockedAsync(RegistrationRequest request, IDbContextTransaction? transaction, CancellationToken cancellationToken)
    {
        await LockPlacesAsync(request.EventId, cancellationToken);

        // One statement (after the lock's, so it sees every place committed before the lock was ours): the event, its
        // confirmed places, and whether this form or these people were here before, which is rare.
        var keys = request.Attendees.Select(a => Attendee.KeyOf(a.Email)).ToList();
        var found = await db.Events.Where(e => e.Id == request.EventId).Select(e => new
        {
            Event = e,
            Confirmed = db.Attendees.Count(a => a.EventId == e.Id && a.Status == AttendeeStatus.Confirmed),
            SentBefore = db.Registrations.Any(r => r.EventId == e.Id && r.SubmissionKey == request.SubmissionKey),
            AnyoneThere = db.Attendees.Any(a => a.EventId == e.Id && a.Status != AttendeeStatus.Cancelled && keys.Contains(a.EmailKey)),
        }).SingleOrDefaultAsync(cancellationToken);
        if (found is null) return new RegistrationOutcome.NotFound();
        var ev = found.Event;

        if (found.SentBefore)
            return new RegistrationOutcome.Registered(await db.Registrations.Include(r => r.Attendees)
                .SingleAsync(r => r.EventId == ev.Id && r.SubmissionKey == request.SubmissionKey, cancellationToken), Repeat: true);

        var (open, reason) = ev.RegistrationState(clock.GetUtcNow());
        // Staff may book a published event outside the public window (a phone booking before it opens, a walk-in on
        // the day after it closes) until it ends; never a draft or a cancelled event. Places and waitlist still rule.
        if (!open && request.ByStaff && ev.Status == EventStatus.Published && ev.EndsAt > clock.GetUtcNow()) open = true;
        if (!open) return new RegistrationOutcome.Refused(reason!);

        var alreadyThere = found.AnyoneThere ? await LivePlacesOfAsync(ev.Id, request.Attendees, cancellationToken) : [];
        var people = request.Attendees;
        if (alreadyThere.Count > 0 && request.SeriesSubscriptionId is not null)
        {
            // An every-session registration takes places for the people not already coming some other way.
            var coming = alreadyThere.Select(a => a.EmailKey).ToHashSet();
            people = people.Where(p => !coming.Contains(Attendee.KeyOf(p.Email))).ToList();
            if (people.Count == 0) return new RegistrationOutcome.AlreadyRegistered(alreadyThere.Select(a => a.Email).ToList());
        }
        else if (alreadyThere.Count > 0 && request.ByStaff)
        {
            return new RegistrationOutcome.AlreadyRegistered(alreadyThere.Select(a => a.Email).ToList());
        }
        else if (alreadyThere.Count > 0)
        {
            // Its contact gets a new link, at most once an hour however often someone asks; earlier links keep working.
            foreach (var registration in alreadyThere.Select(a => a.Registration).DistinctBy(r => r.Id))
                if (!await PrivateLink.ResentRecentlyAsync(db, registration, clock.GetUtcNow(), cancellationToken))
                    notices.ManageLinkResent(ev, registration, PrivateLink.Issue(db, registration, clock.GetUtcNow(), resent: true));
            await SaveAndCommitAsync(transaction, ev, cancellationToken);
            return new RegistrationOutcome.AlreadyRegistered(alreadyThere.Select(a => a.Email).ToList());
        }

        var placesLeft = Math.Max(0, ev.Capacity - found.Confirmed);
        if (TooFewPlaces(ev, people.Count, placesLeft) is { } refusal) return refusal;

        var newRegistration = new Registration
        {
            EventId = ev.Id,
            SubmissionKey = request.SubmissionKey,
            OrganisationName = request.OrganisationName,
            ContactName = request.ContactName,
            ContactEmail = request.ContactEmail,
            SeriesSubscriptionId = request.SeriesSubscriptionId,
        };
        var checkInCodes = new Dictionary<Attendee, string>();
        newRegistration.Attendees.AddRange(NewAttendees(ev, people, placesLeft, checkInCodes));
        db.Registrations.Add(newRegistration);
        // A session registered by a subscription is managed from the subscription's link: no summary of its own.
        if (request.SendEmails)
            notices.PlacesGiven(ev, newRegistration, newRegistration.Attendees, checkInCodes, contactSummary: request.SeriesSubscriptionId is null);
        await SaveAndCommitAsync(transaction, ev, cancellationToken);
        return new RegistrationOutcome.Registered(newRegistration, Repeat: false);
    }

    /// <summary>Adds people to an existing registration (from its manage page), subject to places.</summary>
    public async Task<RegistrationOutcome> AddAttendeesAsync(long registrationId, IReadOnlyList<AttendeeDetails> people, CancellationToken cancellationToken = default)
    {
        var registration = await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == registrationId, cancellationToken);
        if (registration is null) return new RegistrationOutcome.NotFound();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockPlacesAsync(registration.EventId, cancellationToken);
        var ev = await db.Events.SingleAsync(e => e.Id == registration.EventId, cancellationToken);
        var (open, reason) = ev.RegistrationState(clock.GetUtcNow());
        if (!open) return new RegistrationOutcome.Refused(reason!);

        var alreadyThere = (await LivePlacesOfAsync(ev.Id, people, cancellationToken)).Select(a => a.Email).ToList();
        if (alreadyThere.Count > 0)
            return new RegistrationOutcome.Refused($"{string.Join(", ", alreadyThere)} already {(alreadyThere.Count == 1 ? "has" : "have")} a place or a waitlist spot at this event.");

        var placesLeft = await PlacesLeftAsync(ev, cancellationToken);
        if (TooFewPlaces(ev, people.Count, placesLeft) is { } refusal) return refusal;

        var tracked = await db.Registrations.Include(r => r.Attendees).SingleAsync(r => r.Id == registrationId, cancellationToken);
        var checkInCodes = new Dictionary<Attendee, string>();
        var added = NewAttendees(ev, people, placesLeft, checkInCodes);
        tracked.Attendees.AddRange(added);
        notices.PlacesGiven(ev, tracked, added, checkInCodes);
        await SaveAndCommitAsync(transaction, ev, cancellationToken);
        return new RegistrationOutcome.Registered(tracked, Repeat: false);
    }

    /// <summary>
    /// Cancels places (by the organisation or by staff). A confirmed place that frees up goes at once to the first
    /// person on the waitlist, in the same transaction. Returns how many were cancelled (already-cancelled ones are skipped).
    /// <paramref name="tellThem"/> false: the caller tells them in an email of its own (someone leaving every session).
    /// Inside a caller's transaction it joins that one, and the caller commits.
    /// </summary>
    public async Task<int> CancelAttendeesAsync(long eventId, IReadOnlyCollection<long> attendeeIds, CancellationToken cancellationToken = default, bool tellThem = true)
    {
        await using var transaction = await BeginOrJoinAsync(cancellationToken);
        await LockPlacesAsync(eventId, cancellationToken);
        var ev = await db.Events.SingleAsync(e => e.Id == eventId, cancellationToken);
        var cancelled = await db.Attendees.Include(a => a.Registration)
            .Where(a => a.EventId == eventId && attendeeIds.Contains(a.Id) && a.Status != AttendeeStatus.Cancelled)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // Taking back an invitation is a change to the calendar entry: its CANCEL carries a raised SEQUENCE.
        if (cancelled.Any(a => a.Status == AttendeeStatus.Confirmed)) ev.CalendarChanged(now);
        CancelPlaces(ev, cancelled, now, tellThem);
        await db.SaveChangesAsync(cancellationToken);
        await PromoteFromWaitlistAsync(ev, cancellationToken);
        await SaveAndCommitAsync(transaction, ev, cancellationToken);
        return cancelled.Count;
    }

    /// <summary>
    /// Staff change an event, as one change: under the event's lock and in one transaction, <paramref name="edit"/>
    /// changes it; places freed by a raised capacity go to the people waiting; and everyone with a place is told of a
    /// change to the time, place or joining link, with an update for their calendar. A failure anywhere leaves none of
    /// it saved. Inside a caller's transaction (a series moving many sessions at once) it joins that one, and the caller
    /// commits.
    /// </summary>
    /// <returns>Null when there is no such event.</returns>
    public async Task<EventChanged?> ChangeEventAsync(long eventId, Action<Event> edit, CancellationToken cancellationToken = default)
    {
        var ownTransaction = await BeginOrJoinAsync(cancellationToken);
        await using (ownTransaction)
        {
            await LockPlacesAsync(eventId, cancellationToken);
            var ev = await db.Events.SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
            if (ev is null) return null;
            var before = EventFacts.Of(ev);
            var confirmedBefore = await ConfirmedCountAsync(ev, cancellationToken);

            edit(ev);
            var whatChanged = before.ChangesTo(ev);
            if (whatChanged is not null) ev.CalendarChanged(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            var promoted = await PromoteFromWaitlistAsync(ev, cancellationToken);

            var told = 0;
            if (whatChanged is not null && ev.Status == EventStatus.Published)
            {
                // Read before the promotions are saved: people promoted just now already have an up-to-date invitation.
                // People registered for every session hear once, in an update of their series invitation.
                var confirmed = await db.Attendees.Include(a => a.Registration)
                    .Where(a => a.EventId == eventId && a.Status == AttendeeStatus.Confirmed && a.Registration.SeriesSubscriptionId == null)
                    .ToListAsync(cancellationToken);
                foreach (var attendee in confirmed) notices.Changed(ev, attendee, whatChanged);
                told = confirmed.Count + await series.SessionChangedAsync(ev, whatChanged, cancellationToken);
            }
            await SaveAndCommitAsync(ownTransaction, ev, cancellationToken);
            return new EventChanged(ev, whatChanged, confirmedBefore, confirmedBefore + promoted, told);
        }
    }

    /// <summary>
    /// Corrects a person's name, address and needs (the contact's "change details"). A new address is a new person to
    /// email: it gets the place's emails afresh (invitation, check-in code, own link), and the old address a
    /// cancellation; links sent to the old address stop working. <paramref name="tellThem"/> false: the caller writes
    /// the emails (an every-session member's, once for all their places). Joins a caller's transaction.
    /// </summary>
    /// <returns>Null when done; otherwise why not, for the form.</returns>
    public async Task<string?> CorrectPersonAsync(long attendeeId, AttendeeDetails details, CancellationToken cancellationToken = default, bool tellThem = true)
    {
        var eventId = await db.Attendees.Where(a => a.Id == attendeeId).Select(a => (long?)a.EventId).SingleOrDefaultAsync(cancellationToken);
        if (eventId is null) return "There's no such person on this registration.";
        await using var transaction = await BeginOrJoinAsync(cancellationToken);
        await LockPlacesAsync(eventId.Value, cancellationToken);
        var attendee = await db.Attendees.Include(a => a.Registration).ThenInclude(r => r.Event).SingleAsync(a => a.Id == attendeeId, cancellationToken);
        if (attendee.Status == AttendeeStatus.Cancelled) return $"{attendee.Name}'s place is cancelled, so there's nothing to change.";
        var ev = attendee.Registration.Event;
        var newKey = Attendee.KeyOf(details.Email);
        var moved = newKey != attendee.EmailKey;
        if (moved && await db.Attendees.AnyAsync(a => a.EventId == ev.Id && a.EmailKey == newKey && a.Status != AttendeeStatus.Cancelled, cancellationToken))
            return $"{details.Email} already has a place or a waitlist spot at this event, so it can't be used for {attendee.Name} too.";

        var now = clock.GetUtcNow();
        if (moved && tellThem)
        {
            if (attendee.Status == AttendeeStatus.Confirmed) ev.CalendarChanged(now);
            notices.AddressReplaced(ev, attendee);
        }
        attendee.Name = details.Name;
        attendee.AccessNeeds = details.AccessNeeds;
        if (ev.AsksDietaryNeeds) attendee.DietaryNeeds = details.DietaryNeeds;
        if (moved)
        {
            attendee.Email = details.Email;
            attendee.EmailKey = newKey;
            // The check-in code and the links went to the old address: new ones go to the new.
            var (code, hash) = SecretToken.Create();
            attendee.CheckInCodeHash = hash;
            await db.ManageLinks.Where(l => l.AttendeeId == attendee.Id && l.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.RevokedAt, now), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (tellThem) notices.PlacesGiven(ev, attendee.Registration, [attendee], new Dictionary<Attendee, string> { [attendee] = code });
        }
        await SaveAndCommitAsync(transaction, ev, cancellationToken);
        return null;
    }

    private Task<int> ConfirmedCountAsync(Event ev, CancellationToken cancellationToken) =>
        db.Attendees.CountAsync(a => a.EventId == ev.Id && a.Status == AttendeeStatus.Confirmed, cancellationToken);

    /// <summary>
    /// Staff give one waitlisted person a place now, ahead of the queue. The waitlist only exists while the event is
    /// full, so this adds a place to the event for them.
    /// </summary>
    /// <param name="checkIn">At the door: they are here, so they are checked in with the same commit.</param>
    public async Task<bool> GivePlaceAsync(long eventId, long attendeeId, CancellationToken cancellationToken = default, bool checkIn = false)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockPlacesAsync(eventId, cancellationToken);
        var ev = await db.Events.SingleAsync(e => e.Id == eventId, cancellationToken);
        var attendee = await db.Attendees.Include(a => a.Registration)
            .SingleOrDefaultAsync(a => a.Id == attendeeId && a.EventId == eventId && a.Status == AttendeeStatus.Waitlisted, cancellationToken);
        if (attendee is null) return false;
        if (await PlacesLeftAsync(ev, cancellationToken) <= 0) ev.Capacity++;
        Promote(ev, attendee);
        if (checkIn) attendee.CheckedInAt = clock.GetUtcNow();
        await SaveAndCommitAsync(transaction, ev, cancellationToken);
        return true;
    }

    /// <summary>
    /// Cancels a whole event: every live place is cancelled and its holder told, in one transaction.
    /// </summary>
    public async Task<bool> CancelEventAsync(long eventId, string? reason, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockPlacesAsync(eventId, cancellationToken);
        var ev = await db.Events.SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null || ev.Status == EventStatus.Cancelled) return false;
        var now = clock.GetUtcNow();
        ev.Status = EventStatus.Cancelled;
        ev.CancellationReason = reason;
        ev.CalendarChanged(now);
        var live = await db.Attendees.Include(a => a.Registration)
            .Where(a => a.EventId == eventId && a.Status != AttendeeStatus.Cancelled).ToListAsync(cancellationToken);
        CancelPlaces(ev, live, now);
        if (ev.SeriesId is not null) await series.SessionChangedAsync(ev, "this session is cancelled", cancellationToken);
        await SaveAndCommitAsync(transaction, ev, cancellationToken);
        return true;
    }

    /// <summary>Places not yet taken by confirmed attendees (never below zero, even after capacity was lowered).</summary>
    public async Task<int> PlacesLeftAsync(Event ev, CancellationToken cancellationToken = default) =>
        Math.Max(0, ev.Capacity - await ConfirmedCountAsync(ev, cancellationToken));

    /// <summary>The live places (confirmed or waiting) at the event held by any of these people's email addresses.</summary>
    private Task<List<Attendee>> LivePlacesOfAsync(long eventId, IEnumerable<AttendeeDetails> people, CancellationToken cancellationToken)
    {
        var keys = people.Select(a => Attendee.KeyOf(a.Email)).ToList();
        return db.Attendees
            .Where(a => a.EventId == eventId && a.Status != AttendeeStatus.Cancelled && keys.Contains(a.EmailKey))
            .Include(a => a.Registration).ThenInclude(r => r.SeriesSubscription)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Without a waitlist, a registration must fit in the places left, whole.</summary>
    private static RegistrationOutcome.Refused? TooFewPlaces(Event ev, int people, int placesLeft) =>
        ev.WaitlistEnabled || people <= placesLeft ? null
        : new RegistrationOutcome.Refused(placesLeft == 0
            ? "Sorry, this event is full and has no waitlist."
            : $"Sorry, there {(placesLeft == 1 ? "is only 1 place" : $"are only {placesLeft} places")} left and this event has no waitlist. Register fewer people, or choose another date.");

    /// <returns>How many were given a place.</returns>
    private async Task<int> PromoteFromWaitlistAsync(Event ev, CancellationToken cancellationToken)
    {
        var placesLeft = await PlacesLeftAsync(ev, cancellationToken);
        if (placesLeft == 0 || ev.Status == EventStatus.Cancelled) return 0;
        var next = await db.Attendees.Include(a => a.Registration)
            .Where(a => a.EventId == ev.Id && a.Status == AttendeeStatus.Waitlisted)
            .OrderBy(a => a.QueuePosition).Take(placesLeft)
            .ToListAsync(cancellationToken);
        foreach (var attendee in next) Promote(ev, attendee); // saved with the caller's commit
        return next.Count;
    }

    private void Promote(Event ev, Attendee attendee)
    {
        attendee.Status = AttendeeStatus.Confirmed;
        attendee.PromotedAt = clock.GetUtcNow();
        var (code, hash) = SecretToken.Create();
        attendee.CheckInCodeHash = hash;
        notices.Promoted(ev, attendee, code);
    }

    /// <summary>
    /// New attendees in the order given: the first <paramref name="placesLeft"/> get places, the rest join the
    /// waitlist. Each one's check-in code goes into <paramref name="checkInCodes"/> for their email; only its hash is kept.
    /// </summary>
    private static List<Attendee> NewAttendees(Event ev, IEnumerable<AttendeeDetails> people, int placesLeft, Dictionary<Attendee, string> checkInCodes) =>
        people.Select((details, i) => NewAttendee(ev, details, i < placesLeft ? AttendeeStatus.Confirmed : AttendeeStatus.Waitlisted, checkInCodes)).ToList();

    private static Attendee NewAttendee(Event ev, AttendeeDetails details, AttendeeStatus status, Dictionary<Attendee, string> checkInCodes)
    {
        var (code, hash) = SecretToken.Create();
        var attendee = new Attendee
        {
            EventId = ev.Id,
            Name = details.Name,
            Email = details.Email,
            EmailKey = Attendee.KeyOf(details.Email),
            Role = details.Role,
            AccessNeeds = details.AccessNeeds,
            DietaryNeeds = ev.AsksDietaryNeeds ? details.DietaryNeeds : null,
            Status = status,
            CheckInCodeHash = hash,
        };
        checkInCodes[attendee] = code;
        return attendee;
    }

    /// <summary>Cancels these live places; people who had one get a calendar cancellation with their email.</summary>
    private void CancelPlaces(Event ev, IEnumerable<Attendee> attendees, DateTimeOffset now, bool tellThem = true)
    {
        foreach (var attendee in attendees)
        {
            var hadPlace = attendee.Status == AttendeeStatus.Confirmed;
            attendee.Status = AttendeeStatus.Cancelled;
            attendee.CancelledAt = now;
            if (tellThem) notices.Cancelled(ev, attendee, hadPlace);
        }
    }

    /// <summary>
    /// Saves the change with its notices, commits, and only then wakes the notice dispatcher, so the emails are
    /// written and sent at once. Without a transaction of its own (it joined the caller's), it only saves: the caller
    /// commits, and writes any every-session updates the change gathered.
    /// </summary>
    private async Task SaveAndCommitAsync(IDbContextTransaction? transaction, Event ev, CancellationToken cancellationToken)
    {
        if (transaction is not null) notices.SeriesUpdates(ev);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is null) return;
        await transaction.CommitAsync(cancellationToken);
        notices.Wake();
    }

    /// <summary>A transaction of the desk's own, or null inside a caller's, which the desk's work joins (the caller commits).</summary>
    private async Task<IDbContextTransaction?> BeginOrJoinAsync(CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

    private Task LockPlacesAsync(long eventId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({EventPlacesLock}, {(int)eventId})", cancellationToken);
}
