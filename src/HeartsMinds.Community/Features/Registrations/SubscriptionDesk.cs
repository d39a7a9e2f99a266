using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Security;
using HeartsMinds.Community.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// "Register for every Conversation Space session": the organisation's people are registered for every open
/// session now, and the <see cref="SeriesPlanner"/> registers them for each new session as it opens.
/// Each session is its own registration (and transaction) through the <see cref="RegistrationDesk"/>.
/// </summary>
public sealed class SubscriptionDesk(CommunityDb db, RegistrationDesk desk, SeriesPlanner planner, IOptions<SiteOptions> site, OutboxSignal signal, TimeProvider clock)
{
    /// <summary>Makes the series' missing sessions up to its horizon and registers its every-session subscribers for each; returns the new sessions.</summary>
    public async Task<IReadOnlyList<Event>> FillHorizonAsync(long seriesId, CancellationToken cancellationToken = default)
    {
        var created = await planner.FillHorizonAsync(seriesId, cancellationToken);
        foreach (var session in created)
            await RegisterSubscribersAsync(session, cancellationToken);
        return created;
    }

    public async Task<SubscriptionOutcome> SubscribeAsync(SubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        var series = await db.ConversationSpaceSeries.SingleOrDefaultAsync(s => s.Id == request.SeriesId && s.IsActive, cancellationToken);
        if (series is null) return new SubscriptionOutcome.NotFound();

        var subscription = await db.SeriesSubscriptions.Include(s => s.Members)
            .SingleOrDefaultAsync(s => s.SeriesId == series.Id && s.SubmissionKey == request.SubmissionKey, cancellationToken);
        var repeat = subscription is not null;
        if (subscription is null)
        {
            subscription = new SeriesSubscription
            {
                SeriesId = series.Id,
                SubmissionKey = request.SubmissionKey,
                OrganisationName = request.OrganisationName,
                ContactName = request.ContactName,
                ContactEmail = request.ContactEmail,
                Members = request.Members.Select(m => new SeriesSubscriber { Name = m.Name, Email = m.Email, Role = m.Role, AccessNeeds = m.AccessNeeds }).ToList(),
            };
            db.SeriesSubscriptions.Add(subscription);
            var token = PrivateLink.Issue(db, subscription, clock.GetUtcNow());
            db.OutboxMessages.Add(new EmailBuilder(subscription.ContactEmail, subscription.ContactName,
                    $"Registered for every {series.Title} session", "series-subscription")
                .Paragraph($"Hello {subscription.ContactName},")
                .Paragraph($"{string.Join(", ", subscription.Members.Select(m => m.Name))} from {subscription.OrganisationName} " +
                           $"are now registered for every {series.Title} session ({series.PatternDescription}).")
                .Paragraph("Each person gets an email for each session with the details they need. New sessions are added automatically as they open.")
                .Link("See your sessions, drop one, or change who comes (your private link: please don't share it)", site.Value.ManageLink(token))
                .Because($"You're getting this because you registered people from {subscription.OrganisationName} for every {series.Title} session.")
                .Build(site.Value));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // The same form arrived twice at once: the other request made the subscription.
                db.ChangeTracker.Clear();
                subscription = await db.SeriesSubscriptions.Include(s => s.Members)
                    .SingleAsync(s => s.SeriesId == series.Id && s.SubmissionKey == request.SubmissionKey, cancellationToken);
                repeat = true;
            }
            signal.Wake();
        }

        var now = clock.GetUtcNow();
        var sessions = await db.Events.AsNoTracking()
            .Where(e => e.SeriesId == series.Id && e.Status == EventStatus.Published && e.StartsAt > now)
            .OrderBy(e => e.StartsAt).ToListAsync(cancellationToken);
        var members = subscription.Members.Where(m => m.LeftAt == null)
            .Select(m => new AttendeeDetails(m.Name, m.Email, m.Role, m.AccessNeeds, null)).ToList();
        var results = new List<(Event, RegistrationOutcome)>();
        foreach (var session in sessions.Where(s => s.RegistrationState(now).Open))
            results.Add((session, await desk.RegisterAsync(new RegistrationRequest(session.Id, subscription.SubmissionKey,
                subscription.OrganisationName, subscription.ContactName, subscription.ContactEmail, members, subscription.Id), cancellationToken)));
        return new SubscriptionOutcome.Subscribed(subscription, results, repeat);
    }

    /// <summary>Ends the subscription and cancels its places at every future session.</summary>
    public async Task EndAsync(long subscriptionId, CancellationToken cancellationToken = default)
    {
        var subscription = await db.SeriesSubscriptions.SingleAsync(s => s.Id == subscriptionId, cancellationToken);
        subscription.EndedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await CancelFutureAsync(subscriptionId, email: null, cancellationToken);
    }

    /// <summary>One person stops coming: they leave the subscription and their future places are cancelled.</summary>
    public async Task RemoveMemberAsync(long subscriptionId, long memberId, CancellationToken cancellationToken = default)
    {
        var member = await db.Set<SeriesSubscriber>().SingleOrDefaultAsync(m => m.Id == memberId && m.SubscriptionId == subscriptionId, cancellationToken);
        if (member is null) return;
        member.LeftAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await CancelFutureAsync(subscriptionId, Attendee.KeyOf(member.Email), cancellationToken);
    }

    private async Task CancelFutureAsync(long subscriptionId, string? email, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var places = await db.Attendees
            .Where(a => a.Registration.SeriesSubscriptionId == subscriptionId && a.Status != AttendeeStatus.Cancelled
                        && a.Registration.Event.StartsAt > now && (email == null || a.EmailKey == email))
            .Select(a => new { a.EventId, a.Id }).ToListAsync(cancellationToken);
        foreach (var perEvent in places.GroupBy(p => p.EventId))
            await desk.CancelAttendeesAsync(perEvent.Key, perEvent.Select(p => p.Id).ToList(), cancellationToken);
    }

    private async Task RegisterSubscribersAsync(Event session, CancellationToken cancellationToken)
    {
        var subscriptions = await db.SeriesSubscriptions.AsNoTracking().Include(s => s.Members)
            .Where(s => s.SeriesId == session.SeriesId && s.EndedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var subscription in subscriptions)
        {
            var members = subscription.Members.Where(m => m.LeftAt == null)
                .Select(m => new AttendeeDetails(m.Name, m.Email, m.Role, m.AccessNeeds, null)).ToList();
            if (members.Count == 0) continue;
            // The subscription's own key, so running this twice for a session registers nobody twice.
            await desk.RegisterAsync(new RegistrationRequest(session.Id, subscription.SubmissionKey, subscription.OrganisationName,
                subscription.ContactName, subscription.ContactEmail, members, subscription.Id), cancellationToken);
        }
    }
}
