using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Quartz;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// Every change to a newsletter's life: each is one conditional statement on its status, so two staff (or a staff
/// member and the start job) cannot both win. Starting writes the whole audience in the transaction that marks the
/// newsletter as sending, so a newsletter never starts without its deliveries, or gets them twice.
/// </summary>
public sealed class NewsletterDesk(CommunityDb db, NewsletterBlocks blocks, NewsletterSignal signal, ISchedulerFactory schedulers,
    TimeProvider clock, ILogger<NewsletterDesk> logger)
{
    public async Task<long> CreateDraftAsync(string staff, CancellationToken cancellationToken)
    {
        var newsletter = new Newsletter { UpdatedBy = staff };
        db.Newsletters.Add(newsletter);
        await db.SaveChangesAsync(cancellationToken);
        return newsletter.Id;
    }

    /// <summary>Saves the content; false when it has started (or gone) meanwhile.</summary>
    public async Task<bool> SaveAsync(long id, string subject, string previewLine, string body, string staff, CancellationToken cancellationToken) =>
        await Editable(id).ExecuteUpdateAsync(n => n
            .SetProperty(x => x.Subject, subject)
            .SetProperty(x => x.PreviewLine, previewLine)
            .SetProperty(x => x.BodyMarkdown, body)
            .SetProperty(x => x.UpdatedAt, clock.GetUtcNow())
            .SetProperty(x => x.UpdatedBy, staff), cancellationToken) == 1;

    /// <summary>Schedules (or moves) a draft or scheduled newsletter; false when it has started meanwhile.</summary>
    public async Task<bool> ScheduleAsync(long id, DateTimeOffset at, string staff, CancellationToken cancellationToken) =>
        await Editable(id).ExecuteUpdateAsync(n => n
            .SetProperty(x => x.Status, NewsletterStatus.Scheduled)
            .SetProperty(x => x.ScheduledFor, at)
            .SetProperty(x => x.UpdatedAt, clock.GetUtcNow())
            .SetProperty(x => x.UpdatedBy, staff), cancellationToken) == 1;

    /// <summary>Scheduled for now, and the start job asked to run at once (on whichever instance's scheduler takes it).</summary>
    public async Task<bool> SendNowAsync(long id, string staff, CancellationToken cancellationToken)
    {
        if (!await ScheduleAsync(id, clock.GetUtcNow(), staff, cancellationToken)) return false;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(StartDueNewslettersJob.Key, cancellationToken);
        return true;
    }

    /// <summary>Back to a draft; false when it was not scheduled (it may have started meanwhile).</summary>
    public async Task<bool> CancelScheduleAsync(long id, string staff, CancellationToken cancellationToken) =>
        await db.Newsletters.Where(n => n.Id == id && n.Status == NewsletterStatus.Scheduled).ExecuteUpdateAsync(n => n
            .SetProperty(x => x.Status, NewsletterStatus.Draft)
            .SetProperty(x => x.ScheduledFor, (DateTimeOffset?)null)
            .SetProperty(x => x.UpdatedAt, clock.GetUtcNow())
            .SetProperty(x => x.UpdatedBy, staff), cancellationToken) == 1;

    public async Task<bool> DeleteDraftAsync(long id, CancellationToken cancellationToken) =>
        await db.Newsletters.Where(n => n.Id == id && n.Status == NewsletterStatus.Draft).ExecuteDeleteAsync(cancellationToken) == 1;

    public Task<bool> PauseAsync(long id, string staff, CancellationToken cancellationToken) =>
        MoveAsync(id, NewsletterStatus.Sending, NewsletterStatus.Paused, staff, cancellationToken);

    public async Task<bool> ResumeAsync(long id, string staff, CancellationToken cancellationToken)
    {
        var resumed = await MoveAsync(id, NewsletterStatus.Paused, NewsletterStatus.Sending, staff, cancellationToken);
        if (resumed) signal.Wake();
        return resumed;
    }

    /// <summary>Failed deliveries get a fresh set of attempts, and a finished newsletter goes back to sending; returns how many.</summary>
    public async Task<int> RetryFailedAsync(long id, string staff, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var retried = await db.NewsletterDeliveries
            .Where(d => d.NewsletterId == id && d.Status == DeliveryStatus.Failed && d.LinkToken != null)
            .ExecuteUpdateAsync(d => d
                .SetProperty(x => x.Status, DeliveryStatus.Pending)
                .SetProperty(x => x.Attempts, 0)
                .SetProperty(x => x.NextAttemptAt, DueNow), cancellationToken);
        if (retried > 0)
            await db.Newsletters.Where(n => n.Id == id && n.Status == NewsletterStatus.Sent).ExecuteUpdateAsync(n => n
                .SetProperty(x => x.Status, NewsletterStatus.Sending)
                .SetProperty(x => x.FinishedAt, (DateTimeOffset?)null)
                .SetProperty(x => x.UpdatedAt, now)
                .SetProperty(x => x.UpdatedBy, staff), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (retried > 0) signal.Wake();
        return retried;
    }

    /// <summary>Who would get it if it started now: confirmed signatories with the newsletter on.</summary>
    public Task<int> AudienceCountAsync(CancellationToken cancellationToken) =>
        Audience().CountAsync(cancellationToken);

    /// <summary>Starts every scheduled newsletter whose time has come (the start job); returns how many it started.</summary>
    public async Task<int> StartDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Newsletters.Where(n => n.Status == NewsletterStatus.Scheduled && n.ScheduledFor <= now)
            .OrderBy(n => n.ScheduledFor).Select(n => n.Id).ToListAsync(cancellationToken);
        var started = 0;
        foreach (var id in due)
            if (await StartAsync(id, now, cancellationToken)) started++;
        if (started > 0) signal.Wake();
        return started;
    }

    /// <summary>
    /// In one transaction: marks it as sending (only if still scheduled, so a second start finds nothing to do),
    /// freezes its content with the building blocks expanded from today's data, and writes one delivery for every
    /// confirmed signatory who wants the newsletter, each with a fresh preferences link for their unsubscribe links.
    /// </summary>
    private async Task<bool> StartAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Newsletters.Where(n => n.Id == id && n.Status == NewsletterStatus.Scheduled && n.ScheduledFor <= now)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.Status, NewsletterStatus.Sending).SetProperty(x => x.StartedAt, now), cancellationToken);
        if (claimed == 0) return false;

        var newsletter = await db.Newsletters.SingleAsync(n => n.Id == id, cancellationToken);
        newsletter.SentMarkdown = await blocks.ExpandAsync(newsletter.BodyMarkdown, cancellationToken);

        var audience = await Audience().OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Email, s.ContactName, s.OrganisationName }).ToListAsync(cancellationToken);
        newsletter.Recipients = audience.Count;
        await db.SaveChangesAsync(cancellationToken);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var tokens = audience.Select(_ => SecretToken.Create()).ToList();
        // COPY: thousands of rows in one round trip, inside this transaction.
        await using (var links = await connection.BeginBinaryImportAsync(
            "COPY charter_links (signatory_id, purpose, token_hash, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < audience.Count; i++)
            {
                await links.StartRowAsync(cancellationToken);
                await links.WriteAsync(audience[i].Id, NpgsqlDbType.Bigint, cancellationToken);
                await links.WriteAsync(nameof(SignatoryLinkPurpose.Preferences), NpgsqlDbType.Varchar, cancellationToken);
                await links.WriteAsync(tokens[i].Hash, NpgsqlDbType.Varchar, cancellationToken);
                await links.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await links.CompleteAsync(cancellationToken);
        }
        await using (var deliveries = await connection.BeginBinaryImportAsync(
            "COPY newsletter_deliveries (newsletter_id, signatory_id, to_address, to_name, organisation_name, link_token, message_id, status, attempts, next_attempt_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            for (var i = 0; i < audience.Count; i++)
            {
                await deliveries.StartRowAsync(cancellationToken);
                await deliveries.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                await deliveries.WriteAsync(audience[i].Id, NpgsqlDbType.Bigint, cancellationToken);
                await deliveries.WriteAsync(audience[i].Email, NpgsqlDbType.Varchar, cancellationToken);
                await deliveries.WriteAsync(audience[i].ContactName, NpgsqlDbType.Varchar, cancellationToken);
                await deliveries.WriteAsync(audience[i].OrganisationName, NpgsqlDbType.Varchar, cancellationToken);
                await deliveries.WriteAsync(tokens[i].Token, NpgsqlDbType.Varchar, cancellationToken);
                await deliveries.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid, cancellationToken);
                await deliveries.WriteAsync(nameof(DeliveryStatus.Pending), NpgsqlDbType.Varchar, cancellationToken);
                await deliveries.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await deliveries.WriteAsync(DueNow, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await deliveries.CompleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Newsletter {NewsletterId} started: {Recipients} recipients.", id, audience.Count);
        return true;
    }

    /// <summary>For next_attempt_at, which senders compare with the database's now(): the real clock, as the outbox does.</summary>
    private static DateTimeOffset DueNow => DateTimeOffset.UtcNow;

    private IQueryable<Signatory> Audience() =>
        db.Signatories.Where(s => s.Status == SignatoryStatus.Confirmed && s.WantsNewsletter);

    private IQueryable<Newsletter> Editable(long id) =>
        db.Newsletters.Where(n => n.Id == id && (n.Status == NewsletterStatus.Draft || n.Status == NewsletterStatus.Scheduled));

    private async Task<bool> MoveAsync(long id, NewsletterStatus from, NewsletterStatus to, string staff, CancellationToken cancellationToken) =>
        await db.Newsletters.Where(n => n.Id == id && n.Status == from).ExecuteUpdateAsync(n => n
            .SetProperty(x => x.Status, to)
            .SetProperty(x => x.UpdatedAt, clock.GetUtcNow())
            .SetProperty(x => x.UpdatedBy, staff), cancellationToken) == 1;
}
