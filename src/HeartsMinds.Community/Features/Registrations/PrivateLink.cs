using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Security;
using HeartsMinds.Community.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// The private link in a contact's email, /registrations/{token}: it opens either one registration or an
/// every-session subscription. Only the token's hash is stored (a <see cref="ManageLink"/>), so the token is hashed
/// and looked up; anything that can't be one of our tokens is turned away before the database is asked.
/// </summary>
public static class PrivateLink
{
    /// <summary>A link is re-sent to a registration's contact at most this often, however often someone asks.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromHours(1);

    public static async Task<(Registration? Registration, SeriesSubscription? Subscription)> FindAsync(
        CommunityDb db, string? token, CancellationToken cancellationToken)
    {
        var link = await WorkingLinkAsync(db, token, cancellationToken);
        if (link?.RegistrationId is { } registrationId)
            return (await db.Registrations.Include(r => r.Event).Include(r => r.Attendees)
                .SingleOrDefaultAsync(r => r.Id == registrationId, cancellationToken), null);
        if (link?.SeriesSubscriptionId is { } subscriptionId)
            return (null, await db.SeriesSubscriptions.Include(s => s.Series).Include(s => s.Members)
                .SingleOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken));
        return (null, null);
    }

    /// <summary>
    /// A new link to this registration (or, for one made by a subscription, to the subscription), saved with the
    /// caller's changes. <paramref name="resent"/>: sent again on someone's request, not with the registration itself.
    /// </summary>
    public static string Issue(CommunityDb db, Registration registration, DateTimeOffset now, bool resent = false) =>
        registration.SeriesSubscriptionId is { } subscriptionId
            ? Add(db, new ManageLink { SeriesSubscriptionId = subscriptionId, Resent = resent }, now)
            : Add(db, registration.Id == 0 ? new ManageLink { Registration = registration, Resent = resent }
                : new ManageLink { RegistrationId = registration.Id, Resent = resent }, now);

    /// <summary>
    /// A person's own page, /places/{token}: their place at one event (an attendee link) or their part of an
    /// every-session registration (a member link). Null and null for anything else.
    /// </summary>
    public static async Task<(Attendee? Attendee, SeriesSubscriber? Member)> FindPersonAsync(CommunityDb db, string? token, CancellationToken cancellationToken)
    {
        var link = await WorkingLinkAsync(db, token, cancellationToken);
        if (link?.AttendeeId is { } attendeeId)
            return (await db.Attendees.Include(a => a.Registration).ThenInclude(r => r.Event)
                .SingleOrDefaultAsync(a => a.Id == attendeeId, cancellationToken), null);
        if (link?.SeriesSubscriberId is { } memberId)
            return (null, await db.Set<SeriesSubscriber>().SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken));
        return (null, null);
    }

    /// <summary>A person's own link, saved with the caller's changes: to their every-session registration when the
    /// place came from one (so every email they get opens the same page), otherwise to this place.</summary>
    public static async Task<string> IssueForPersonAsync(CommunityDb db, Attendee attendee, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (attendee.Registration.SeriesSubscriptionId is { } subscriptionId
            && await db.Set<SeriesSubscriber>().Where(m => m.SubscriptionId == subscriptionId && m.LeftAt == null && m.Email.ToLower() == attendee.EmailKey)
                .Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken) is { } memberId)
            return Add(db, new ManageLink { SeriesSubscriberId = memberId }, now);
        return IssueFor(db, attendee, now);
    }

    /// <summary>A person's own link to this one place, saved with the caller's changes.</summary>
    public static string IssueFor(CommunityDb db, Attendee attendee, DateTimeOffset now) => Add(db, new ManageLink { AttendeeId = attendee.Id }, now);

    /// <summary>A person's own link to their every-session registration, saved with the caller's changes.</summary>
    public static string Issue(CommunityDb db, SeriesSubscriber member, DateTimeOffset now) =>
        Add(db, member.Id == 0 ? new ManageLink { SeriesSubscriber = member } : new ManageLink { SeriesSubscriberId = member.Id }, now);

    /// <summary>A new link to this subscription, saved with the caller's changes.</summary>
    public static string Issue(CommunityDb db, SeriesSubscription subscription, DateTimeOffset now) =>
        Add(db, new ManageLink { SeriesSubscription = subscription }, now);

    /// <summary>Whether a link to what this registration is managed from was re-sent within <see cref="ResendInterval"/>.</summary>
    public static Task<bool> ResentRecentlyAsync(CommunityDb db, Registration registration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - ResendInterval;
        return registration.SeriesSubscriptionId is { } subscriptionId
            ? db.ManageLinks.AnyAsync(l => l.SeriesSubscriptionId == subscriptionId && l.Resent && l.CreatedAt > since, cancellationToken)
            : db.ManageLinks.AnyAsync(l => l.RegistrationId == registration.Id && l.Resent && l.CreatedAt > since, cancellationToken);
    }

    /// <summary>Stops every other working link to what <paramref name="token"/> opens; returns how many stopped.</summary>
    public static async Task<int> StopOtherLinksAsync(CommunityDb db, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = SecretToken.Hash(token);
        var link = await db.ManageLinks.AsNoTracking().SingleAsync(l => l.TokenHash == hash, cancellationToken);
        return await db.ManageLinks
            .Where(l => l.Id != link.Id && l.RevokedAt == null
                && l.RegistrationId == link.RegistrationId && l.SeriesSubscriptionId == link.SeriesSubscriptionId
                && l.AttendeeId == link.AttendeeId && l.SeriesSubscriberId == link.SeriesSubscriberId)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.RevokedAt, now), cancellationToken);
    }

    /// <summary>The working link with this token; null for anything that can't be one of ours, before the database is asked.</summary>
    private static async Task<ManageLink?> WorkingLinkAsync(CommunityDb db, string? token, CancellationToken cancellationToken)
    {
        if (!SecretToken.LooksValid(token)) return null;
        var hash = SecretToken.Hash(token!);
        return await db.ManageLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash && l.RevokedAt == null, cancellationToken);
    }

    private static string Add(CommunityDb db, ManageLink link, DateTimeOffset now)
    {
        var (token, hash) = SecretToken.Create();
        link.TokenHash = hash;
        link.CreatedAt = now;
        db.ManageLinks.Add(link);
        return token;
    }
}
