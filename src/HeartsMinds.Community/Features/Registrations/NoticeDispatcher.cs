using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// Writes the emails of committed <see cref="RegistrationNotice"/>s, in every instance. Each batch is claimed with
/// FOR UPDATE SKIP LOCKED, written to the outbox and deleted in one transaction: an instance that dies mid-batch
/// leaves its notices for the next claim, and two instances never write the same notice. A batch that fails is
/// written one notice at a time, so one bad notice is tried again later (with a growing pause) without holding up
/// the rest.
/// </summary>
public sealed class NoticeDispatcher(IServiceScopeFactory scopes, NoticeSignal signal, OutboxSignal outbox, ILogger<NoticeDispatcher> logger)
    : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>How often it looks for notices that no wake-up announced (another instance's, or ones tried again).</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var written = 0;
            try
            {
                written = await WriteDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not write registration emails; trying again in {PollInterval}.", PollInterval);
            }
            if (written < BatchSize) await signal.WaitAsync(PollInterval, stoppingToken);
        }
    }

    /// <summary>Writes one batch of due notices; returns how many were written (0 when none was due or free).</summary>
    public async Task<int> WriteDueAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await ClaimAsync(db, BatchSize, null, cancellationToken);
        if (batch.Count == 0) return 0;
        try
        {
            await WriteAndDeleteAsync(scope.ServiceProvider, db, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            logger.LogWarning(ex, "A batch of {Count} registration notices could not be written; writing them one by one.", batch.Count);
            var written = 0;
            foreach (var id in batch.Select(n => n.Id))
                if (await WriteOneAsync(id, cancellationToken)) written++;
            outbox.Wake();
            return written;
        }
        outbox.Wake();
        return batch.Count;
    }

    private async Task<bool> WriteOneAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var notice = await ClaimAsync(db, 1, id, cancellationToken);
        if (notice.Count == 0) return false; // written meanwhile by another instance
        try
        {
            await WriteAndDeleteAsync(scope.ServiceProvider, db, notice, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            var attempts = notice[0].Attempts + 1;
            var retryIn = RetryDelay.After(attempts, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
            logger.LogError(ex, "Registration notice {NoticeId} ({Kind}) could not be written (attempt {Attempts}); trying again in {RetryIn}.",
                id, notice[0].Kind, attempts, retryIn);
            var error = ex.GetBaseException().Message; // the database's own words, not EF's wrapper
            await db.RegistrationNotices.Where(n => n.Id == id).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.Attempts, attempts)
                .SetProperty(n => n.LastError, error.Length > 1000 ? error[..1000] : error)
                .SetProperty(n => n.NextAttemptAt, DateTimeOffset.UtcNow + retryIn), CancellationToken.None);
            return false;
        }
    }

    private static async Task WriteAndDeleteAsync(IServiceProvider services, CommunityDb db, List<RegistrationNotice> notices, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<NoticeWriter>().WriteAsync(notices, cancellationToken);
        db.RegistrationNotices.RemoveRange(notices);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Due notices, oldest first, locked for this transaction; ones another instance holds are skipped.</summary>
    private static Task<List<RegistrationNotice>> ClaimAsync(CommunityDb db, int limit, long? onlyId, CancellationToken cancellationToken) =>
        db.RegistrationNotices.FromSql($"""
            SELECT * FROM registration_notices
            WHERE next_attempt_at <= now() AND id BETWEEN {onlyId ?? 0} AND {onlyId ?? long.MaxValue}
            ORDER BY id LIMIT {limit}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
}
