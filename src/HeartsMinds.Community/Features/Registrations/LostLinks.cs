using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// "Lost your link?": every registration where an address is the contact or a person coming gets a fresh link,
/// all in one email to that address and only to it, so asking for someone else's links sends them nothing new.
/// At most one such email per address per <see cref="Interval"/>, however often it is asked for.
/// </summary>
public sealed class LostLinks(CommunityDb db, OutboxSignal signal, TimeProvider clock, IOptions<SiteOptions> site)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    private const string Purpose = "lost-links";

    /// <returns>Whether an email was written (for tests and logs; never shown to the person asking).</returns>
    public async Task<bool> SendAsync(string address, CancellationToken cancellationToken)
    {
        var key = Attendee.KeyOf(address);
        var now = clock.GetUtcNow();
        var since = now - Interval;
        if (await db.OutboxMessages.AnyAsync(m => m.Purpose == Purpose && m.ToAddress.ToLower() == key && m.CreatedAt > since, cancellationToken))
            return false;

        var contactOf = await db.Registrations.Include(r => r.Event)
            .Where(r => r.ContactEmail.ToLower() == key && r.SeriesSubscriptionId == null && r.Event.EndsAt > now)
            .OrderBy(r => r.Event.StartsAt).ToListAsync(cancellationToken);
        var contactOfSeries = await db.SeriesSubscriptions.Include(s => s.Series)
            .Where(s => s.ContactEmail.ToLower() == key && s.EndedAt == null).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var places = await db.Attendees.Include(a => a.Registration).ThenInclude(r => r.Event)
            .Where(a => a.EmailKey == key && a.Status != AttendeeStatus.Cancelled && a.Registration.SeriesSubscriptionId == null && a.Registration.Event.EndsAt > now)
            .OrderBy(a => a.Registration.Event.StartsAt).ToListAsync(cancellationToken);
        var memberships = await db.Set<SeriesSubscriber>()
            .Where(m => m.Email.ToLower() == key && m.LeftAt == null
                        && db.SeriesSubscriptions.Any(s => s.Id == m.SubscriptionId && s.EndedAt == null))
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        if (contactOf.Count + contactOfSeries.Count + places.Count + memberships.Count == 0) return false;

        var name = places.Select(p => p.Name).Concat(memberships.Select(m => m.Name))
            .Concat(contactOf.Select(r => r.ContactName)).Concat(contactOfSeries.Select(s => s.ContactName)).First();
        var email = new EmailBuilder(address.Trim(), name, "Your links to your registrations", Purpose)
            .Paragraph($"Hello {name},")
            .Paragraph("Someone (we hope you) asked for the links to your registrations with us. Here they are: each is private to you, so please don't share them. Links in earlier emails still work.");
        if (contactOf.Count + contactOfSeries.Count > 0)
        {
            email.Heading("Registrations you made");
            foreach (var registration in contactOf)
                email.Link($"{registration.Event.Title}, {EventTime.When(registration.Event)}: {registration.OrganisationName}",
                    site.Value.ManageLink(PrivateLink.Issue(db, registration, now, resent: true)));
            foreach (var subscription in contactOfSeries)
                email.Link($"Every {subscription.Series.Title} session: {subscription.OrganisationName}",
                    site.Value.ManageLink(PrivateLink.Issue(db, subscription, now)));
        }
        if (places.Count + memberships.Count > 0)
        {
            email.Heading("Your own places");
            foreach (var place in places)
                email.Link($"{place.Registration.Event.Title}, {EventTime.When(place.Registration.Event)}",
                    site.Value.PersonLink(PrivateLink.IssueFor(db, place, now)));
            foreach (var member in memberships)
                email.Link("Every Conversation Space session", site.Value.PersonLink(PrivateLink.Issue(db, member, now)));
        }
        email.Paragraph("If you didn't ask for this, you can ignore this email: nothing has changed.")
            .Because("You're getting this because someone asked for the links to this address's registrations on our website.");
        db.OutboxMessages.Add(email.Build(site.Value));
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return true;
    }
}
