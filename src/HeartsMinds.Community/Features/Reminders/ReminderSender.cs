using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Reminders;

/// <summary>
/// Finds the reminders that have come due and writes each to the outbox, once. A reminder is due for a confirmed
/// attendee of a published event from <c>StartsAt - Before</c> until the start, if they already had their place at
/// that moment (someone who joins later has just had a confirmation with the same details).
/// Looking afresh each run, rather than scheduling a trigger per event, follows every way an event can move or be
/// cancelled without those code paths knowing about reminders (docs/decisions/0008).
/// </summary>
public sealed class ReminderSender(
    CommunityDb db, OutboxSignal outbox, TimeProvider clock, IOptions<ReminderOptions> options, IOptions<SiteOptions> site,
    ILogger<ReminderSender> logger)
{
    private sealed record Due(long AttendeeId, DateTimeOffset EventStartsAt);

    /// <summary>Sends what is due now; returns how many reminders this call wrote (others may have been sent by another instance).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled) return 0;
        var now = clock.GetUtcNow();
        var sent = 0;
        foreach (var rule in options.Value.Schedule)
            foreach (var due in await FindDueAsync(rule, now, cancellationToken))
                if (await SendOnceAsync(rule, due, now, cancellationToken))
                    sent++;

        if (sent > 0)
        {
            outbox.Wake();
            logger.LogInformation("Sent {Count} event reminders", sent);
        }
        else logger.LogDebug("No event reminders were due");
        return sent;
    }

    private async Task<List<Due>> FindDueAsync(ReminderRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latestStart = now + rule.Before;
        return await (
            from attendee in db.Attendees
            join ev in db.Events on attendee.EventId equals ev.Id
            where ev.Status == EventStatus.Published && ev.StartsAt > now && ev.StartsAt <= latestStart
                && (!rule.OnlineOnly || ev.Kind == EventKind.ConversationSpace)
                && attendee.Status == AttendeeStatus.Confirmed
                && (attendee.PromotedAt ?? attendee.CreatedAt) < ev.StartsAt - rule.Before
                && !db.RemindersSent.Any(s => s.AttendeeId == attendee.Id && s.ReminderKey == rule.Key && s.EventStartsAt == ev.StartsAt)
            orderby ev.StartsAt, attendee.Id
            select new Due(attendee.Id, ev.StartsAt)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Claims the reminder with an insert that a unique key lets only one instance make, and writes the email in the
    /// same transaction: either both are there or neither. A second instance racing for the same row waits for the
    /// first to commit, then inserts nothing and moves on.
    /// </summary>
    private async Task<bool> SendOnceAsync(ReminderRule rule, Due due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO reminders_sent (attendee_id, reminder_key, event_starts_at, sent_at)
                VALUES ({due.AttendeeId}, {rule.Key}, {due.EventStartsAt}, {now})
                ON CONFLICT (attendee_id, reminder_key, event_starts_at) DO NOTHING
                """, cancellationToken);
            if (claimed == 0) return false;

            var attendee = await db.Attendees.Include(a => a.Registration).ThenInclude(r => r.Event)
                .SingleAsync(a => a.Id == due.AttendeeId, cancellationToken);
            var ev = attendee.Registration.Event;
            // Staff may have cancelled or moved something since the search: then this reminder is no longer right.
            if (attendee.Status != AttendeeStatus.Confirmed || ev.Status != EventStatus.Published || ev.StartsAt != due.EventStartsAt)
                return false;

            var personToken = await PrivateLink.IssueForPersonAsync(db, attendee, now, cancellationToken);
            db.OutboxMessages.Add(ReminderEmail.Write(rule, ev, attendee, personToken, site.Value));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One reminder that cannot be written must not hold up the others; it is tried again next run.
            logger.LogError(ex, "Could not send reminder {Reminder} to attendee {AttendeeId}", rule.Key, due.AttendeeId);
            return false;
        }
    }
}
