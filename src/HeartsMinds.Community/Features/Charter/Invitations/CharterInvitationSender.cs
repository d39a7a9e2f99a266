using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Charter.Invitations;

/// <summary>
/// Invites confirmed signatories who want invitations to events that have opened for registration since they
/// confirmed. For each signatory, the invitation rows and the one email listing their events commit together; the
/// unique (signatory, event) key decides who writes each row, so an event is offered to a signatory at most once,
/// however often this runs and on however many instances at once.
/// </summary>
public sealed class CharterInvitationSender(CommunityDb db, OutboxSignal outbox, TimeProvider clock, IOptions<SiteOptions> site)
{
    /// <summary>Writes the invitations now due; returns how many emails it wrote.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var open = await db.Events.AsNoTracking()
            .Where(e => e.Status == EventStatus.Published && e.StartsAt > now
                        && (e.RegistrationOpensAt == null || e.RegistrationOpensAt <= now)
                        && (e.RegistrationClosesAt == null || e.RegistrationClosesAt > now))
            .OrderBy(e => e.StartsAt).ToListAsync(cancellationToken);
        if (open.Count == 0) return 0;

        var openIds = open.Select(e => e.Id).ToList();
        var signatories = await db.Signatories.AsNoTracking()
            .Where(s => s.Status == SignatoryStatus.Confirmed && s.WantsInvitations && s.ConfirmedAt != null)
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var invited = (await db.CharterInvitations.AsNoTracking().Where(i => openIds.Contains(i.EventId))
            .Select(i => new { i.SignatoryId, i.EventId }).ToListAsync(cancellationToken))
            .Select(i => (i.SignatoryId, i.EventId)).ToHashSet();

        var emails = 0;
        foreach (var signatory in signatories)
        {
            var due = open.Where(e => OpenedAt(e) > signatory.ConfirmedAt && !invited.Contains((signatory.Id, e.Id))).ToList();
            if (due.Count > 0 && await InviteAsync(signatory, due, now, cancellationToken)) emails++;
        }
        if (emails > 0) outbox.Wake();
        return emails;
    }

    /// <summary>
    /// When an event became open to a signatory's eyes: when staff last published or changed it, or when its
    /// registration opened, whichever is later. Events already open when a signatory confirmed are not sent to
    /// them (the events page shows those); what opens afterwards is.
    /// </summary>
    private static DateTimeOffset OpenedAt(Event ev) =>
        ev.RegistrationOpensAt is { } opens && opens > ev.UpdatedAt ? opens : ev.UpdatedAt;

    private async Task<bool> InviteAsync(Signatory signatory, IReadOnlyList<Event> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = due.Select(e => e.Id).ToArray();
        // The rows this instance wrote: a row another run wrote first (now or before) is skipped, and so is its email.
        // Still confirmed and still wanting invitations at this moment, or nothing is written.
        var written = await db.Database.SqlQuery<long>($"""
            INSERT INTO charter_invitations (signatory_id, event_id, created_at)
            SELECT s.id, e.id, {now}
            FROM charter_signatories s CROSS JOIN unnest({ids}) AS e(id)
            WHERE s.id = {signatory.Id} AND s.status = 'Confirmed' AND s.wants_invitations
            ON CONFLICT (signatory_id, event_id) DO NOTHING
            RETURNING event_id AS "Value"
            """).ToListAsync(cancellationToken);
        if (written.Count == 0) return false;

        var preferences = CharterLinks.Issue(db, signatory, SignatoryLinkPurpose.Preferences, now);
        db.OutboxMessages.Add(CharterInvitationEmail.Compose(signatory, due.Where(e => written.Contains(e.Id)).ToList(), preferences, site.Value));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
