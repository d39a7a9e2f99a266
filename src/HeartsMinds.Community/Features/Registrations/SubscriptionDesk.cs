using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// "Register for every Conversation Space session". Each person gets one email with one recurring invitation for
/// the series. Their place at each session is taken <see cref="EverySessionOptions.PlacesTakenBefore"/> it (by
/// <see cref="TakeDuePlacesAsync"/>, run by a job), through the <see cref="RegistrationDesk"/> under the same rules
/// as anyone's: a full session puts them on its waitlist. So nobody holds a year of places they may not use.
/// </summary>
public sealed class SubscriptionDesk(CommunityDb db, RegistrationDesk desk, SeriesPlanner planner, SeriesNotifier seriesEmails,
    IOptions<SiteOptions> site, IOptions<EverySessionOptions> options, OutboxSignal signal, NoticeSignal noticeSignal, TimeProvider clock)
{
    private TimeSpan PlacesTakenBefore => options.Value.PlacesTakenBefore;

    /// <summary>Makes the series' missing sessions up to its horizon; their places are taken when they come due.</summary>
    public Task<IReadOnlyList<Event>> FillHorizonAsync(long seriesId, CancellationToken cancellationToken = default) =>
        planner.FillHorizonAsync(seriesId, cancellationToken);

    /// <summary>The first moment the places of a session starting at <paramref name="startsAt"/> are taken.</summary>
    public DateTimeOffset PlacesTakenFrom(DateTimeOffset startsAt) => startsAt - PlacesTakenBefore;

    /// <summary>
    /// Subscribes, in one transaction: the subscription, places at the sessions already due, one welcome email per
    /// person (with their own recurring invitation and those first places) and a summary for the contact.
    /// </summary>
    public async Task<SubscriptionOutcome> SubscribeAsync(SubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        var series = await db.ConversationSpaceSeries.SingleOrDefaultAsync(s => s.Id == request.SeriesId && s.IsActive, cancellationToken);
        if (series is null) return new SubscriptionOutcome.NotFound();

        var earlier = await db.SeriesSubscriptions.Include(s => s.Members).AsNoTracking()
            .SingleOrDefaultAsync(s => s.SeriesId == series.Id && s.SubmissionKey == request.SubmissionKey, cancellationToken);
        if (earlier is not null) return new SubscriptionOutcome.Subscribed(earlier, Repeat: true);

        var now = clock.GetUtcNow();
        var subscription = new SeriesSubscription
        {
            SeriesId = series.Id,
            SubmissionKey = request.SubmissionKey,
            OrganisationName = request.OrganisationName,
            ContactName = request.ContactName,
            ContactEmail = request.ContactEmail,
            Members = request.Members.Select(m => new SeriesSubscriber { Name = m.Name, Email = m.Email, Role = m.Role, AccessNeeds = m.AccessNeeds }).ToList(),
        };
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.SeriesSubscriptions.Add(subscription);
            ContactSummary(series, subscription, PrivateLink.Issue(db, subscription, now));
            await db.SaveChangesAsync(cancellationToken);

            var firstPlaces = new List<(Event Session, Attendee Place, int? WaitlistPosition)>();
            foreach (var session in await DueSessionsAsync(series.Id, now, cancellationToken))
                if (await TakePlacesAsync(session, subscription, sendEmails: false, cancellationToken) is RegistrationOutcome.Registered { Repeat: false } taken)
                {
                    var positions = await WaitlistQueue.PositionsAsync(db, taken.Registration.Attendees, cancellationToken);
                    firstPlaces.AddRange(taken.Registration.Attendees.Select(a => (session, a, positions.Of(a))));
                }
            foreach (var member in subscription.Members)
                await seriesEmails.WelcomeAsync(subscription, series, member,
                    firstPlaces.Where(p => p.Place.EmailKey == member.EmailKey).ToList(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same form arrived twice at once: the other request made the subscription.
            db.ChangeTracker.Clear();
            return new SubscriptionOutcome.Subscribed(await db.SeriesSubscriptions.Include(s => s.Members).AsNoTracking()
                .SingleAsync(s => s.SeriesId == series.Id && s.SubmissionKey == request.SubmissionKey, cancellationToken), Repeat: true);
        }
        signal.Wake();
        return new SubscriptionOutcome.Subscribed(subscription, Repeat: false);
    }

    /// <summary>
    /// Takes places for every active subscription at each session that has come within
    /// <see cref="EverySessionOptions.PlacesTakenBefore"/>, each person being told in one short email. Safe to run
    /// again and on several instances at once: a subscription's places at a session are one registration, under the
    /// subscription's own key. Returns how many registrations it made.
    /// </summary>
    public async Task<int> TakeDuePlacesAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var made = 0;
        foreach (var seriesId in await db.ConversationSpaceSeries.Where(s => s.IsActive).Select(s => s.Id).ToListAsync(cancellationToken))
        foreach (var session in await DueSessionsAsync(seriesId, now, cancellationToken))
        {
            var waiting = await db.SeriesSubscriptions.AsNoTracking().Include(s => s.Members)
                .Where(s => s.SeriesId == seriesId && s.EndedAt == null && s.CreatedAt < session.StartsAt
                            && !db.Registrations.Any(r => r.EventId == session.Id && r.SubmissionKey == s.SubmissionKey))
                .OrderBy(s => s.Id).ToListAsync(cancellationToken);
            foreach (var subscription in waiting)
                if (await TakePlacesAsync(session, subscription, sendEmails: true, cancellationToken) is RegistrationOutcome.Registered { Repeat: false })
                    made++;
        }
        return made;
    }

    /// <summary>Ends the subscription: each person's invitation and future places are cancelled, in one email each.</summary>
    public async Task EndAsync(long subscriptionId, CancellationToken cancellationToken = default)
    {
        var subscription = await db.SeriesSubscriptions.Include(s => s.Series).Include(s => s.Members)
            .SingleAsync(s => s.Id == subscriptionId, cancellationToken);
        if (subscription.EndedAt is not null) return;
        subscription.EndedAt = clock.GetUtcNow();
        await LeaveAsync(subscription, subscription.Members.Where(m => m.LeftAt == null).ToList(), cancellationToken);
    }

    /// <summary>One person stops coming: they leave the subscription, and their invitation and future places are cancelled.</summary>
    public async Task RemoveMemberAsync(long subscriptionId, long memberId, CancellationToken cancellationToken = default)
    {
        var subscription = await db.SeriesSubscriptions.Include(s => s.Series).Include(s => s.Members)
            .SingleAsync(s => s.Id == subscriptionId, cancellationToken);
        var member = subscription.Members.SingleOrDefault(m => m.Id == memberId && m.LeftAt == null);
        if (member is null) return;
        member.LeftAt = clock.GetUtcNow();
        await LeaveAsync(subscription, [member], cancellationToken);
    }

    /// <summary>
    /// The contact corrects a member's name, address or access needs; their places already taken follow. A new
    /// address gets a welcome with the invitation, the old one a cancellation, and links sent to it stop working.
    /// </summary>
    /// <returns>Null when done; otherwise why not, for the form.</returns>
    public async Task<string?> CorrectMemberAsync(long subscriptionId, long memberId, AttendeeDetails details, CancellationToken cancellationToken = default)
    {
        var subscription = await db.SeriesSubscriptions.Include(s => s.Series).Include(s => s.Members)
            .SingleAsync(s => s.Id == subscriptionId, cancellationToken);
        var member = subscription.Members.SingleOrDefault(m => m.Id == memberId && m.LeftAt == null);
        if (member is null || subscription.EndedAt is not null) return "That person is no longer on this registration.";
        var newKey = Attendee.KeyOf(details.Email);
        var moved = newKey != member.EmailKey;
        if (moved && subscription.Members.Any(m => m.LeftAt == null && m.Id != member.Id && m.EmailKey == newKey))
            return $"{details.Email} is already on this registration.";

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var places = await db.Attendees.AsNoTracking()
            .Where(a => a.Registration.SeriesSubscriptionId == subscription.Id && a.EmailKey == member.EmailKey
                        && a.Status != AttendeeStatus.Cancelled && a.Registration.Event.StartsAt > now)
            .OrderBy(a => a.EventId).Select(a => a.Id).ToListAsync(cancellationToken);
        if (moved) await seriesEmails.LeftAsync(subscription, subscription.Series, member, [], cancellationToken, movedAway: true);
        foreach (var attendeeId in places)
            if (await desk.CorrectPersonAsync(attendeeId, details with { Role = member.Role }, cancellationToken, tellThem: false) is { } refusal)
                return refusal; // the address has a place at one of these sessions already; nothing is saved
        member.Name = details.Name;
        member.AccessNeeds = details.AccessNeeds;
        if (moved)
        {
            member.Email = details.Email;
            member.CalendarUid = Guid.NewGuid();
            member.CalendarSequence = 0;
            await db.ManageLinks.Where(l => l.SeriesSubscriberId == member.Id && l.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.RevokedAt, now), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var taken = await db.Attendees.AsNoTracking().Include(a => a.Registration).ThenInclude(r => r.Event)
                .Where(a => places.Contains(a.Id)).ToListAsync(cancellationToken);
            var firstPlaces = new List<(Event, Attendee, int?)>();
            foreach (var place in taken) // one event each, so each reads its own queue
                firstPlaces.Add((place.Registration.Event, place, (await WaitlistQueue.PositionsAsync(db, [place], cancellationToken)).Of(place)));
            await seriesEmails.WelcomeAsync(subscription, subscription.Series, member, firstPlaces, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return null;
    }

    /// <summary>Cancels these people's future places (freeing them for people waiting) and tells each one once.</summary>
    private async Task LeaveAsync(SeriesSubscription subscription, IReadOnlyList<SeriesSubscriber> leaving, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var keys = leaving.Select(m => m.EmailKey).ToList();
        var places = await db.Attendees.AsNoTracking().Include(a => a.Registration).ThenInclude(r => r.Event)
            .Where(a => a.Registration.SeriesSubscriptionId == subscription.Id && a.Status != AttendeeStatus.Cancelled
                        && a.Registration.Event.StartsAt > now && keys.Contains(a.EmailKey))
            .ToListAsync(cancellationToken);
        // In event order, as every change of places takes the events' locks.
        foreach (var perEvent in places.GroupBy(p => p.EventId).OrderBy(g => g.Key))
            await desk.CancelAttendeesAsync(perEvent.Key, perEvent.Select(p => p.Id).ToList(), cancellationToken, tellThem: false);
        foreach (var member in leaving)
            await seriesEmails.LeftAsync(subscription, subscription.Series, member,
                places.Where(p => p.EmailKey == member.EmailKey).Select(p => p.Registration.Event).OrderBy(e => e.StartsAt).ToList(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        noticeSignal.Wake(); // places freed went to people waiting, whose notices are written after the commit
    }

    /// <summary>The series' published sessions, open for registration, whose places are due now.</summary>
    private async Task<IReadOnlyList<Event>> DueSessionsAsync(long seriesId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dueBy = now + PlacesTakenBefore;
        var sessions = await db.Events.AsNoTracking()
            .Where(e => e.SeriesId == seriesId && e.Status == EventStatus.Published && e.StartsAt > now && e.StartsAt <= dueBy)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return sessions.Where(s => s.RegistrationState(now).Open).ToList();
    }

    private Task<RegistrationOutcome> TakePlacesAsync(Event session, SeriesSubscription subscription, bool sendEmails, CancellationToken cancellationToken)
    {
        var members = subscription.Members.Where(m => m.LeftAt == null)
            .Select(m => new AttendeeDetails(m.Name, m.Email, m.Role, m.AccessNeeds, null)).ToList();
        if (members.Count == 0) return Task.FromResult<RegistrationOutcome>(new RegistrationOutcome.NotFound());
        // The subscription's own key, so taking a session's places twice registers nobody twice.
        return desk.RegisterAsync(new RegistrationRequest(session.Id, subscription.SubmissionKey, subscription.OrganisationName,
            subscription.ContactName, subscription.ContactEmail, members, subscription.Id) { SendEmails = sendEmails }, cancellationToken);
    }

    private void ContactSummary(ConversationSpaceSeries series, SeriesSubscription subscription, string token) =>
        db.OutboxMessages.Add(new EmailBuilder(subscription.ContactEmail, subscription.ContactName,
                $"Registered for every {series.Title} session", "series-subscription")
            .Paragraph($"Hello {subscription.ContactName},")
            .Paragraph($"Thank you. {string.Join(", ", subscription.Members.Select(m => m.Name))} from {subscription.OrganisationName} " +
                       $"{(subscription.Members.Count == 1 ? "is" : "are")} now registered for every {series.Title} session: {series.PatternDescription}, online.")
            .Paragraph("Each person gets one email with a calendar invitation for the whole series. " +
                       $"We take their place at each session {seriesEmails.PlacesTakenBeforeInWords} before it and email them then, with the joining link " +
                       "and a one-click way to free their place if they can't come. If a session is full, they join its waitlist and we tell them.")
            .Button("See who has a place at each session, correct someone's details, or stop", site.Value.ManageLink(token),
                "This is your private link: please don't share it.")
            .Because($"You're getting this because you registered people from {subscription.OrganisationName} for every {series.Title} session.")
            .Build(site.Value));
}
