using System.Diagnostics;
using System.Security.Cryptography;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// Sends what features put in the outbox. Each batch is claimed with a lease in one statement (FOR UPDATE SKIP LOCKED),
/// so any number of dispatchers, in any number of app instances, never claim the same message at once. A message is
/// sent only while its lease has time left for the whole SMTP conversation, and its outcome is written only by the
/// lease holder. A batch goes over this instance's <see cref="SmtpConnectionPool"/>, up to Mail:Smtp:Connections
/// messages at once; once one send finds the server unavailable, no further send of the batch starts. The limit: if
/// this process dies after the server accepted a message but before the outcome is written, the lease runs out and
/// the message is sent again (at least once, not exactly once). Its Message-ID stays the same, so receivers can
/// recognise the repeat.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    SmtpMailTransport transport,
    SmtpConnectionPool pool,
    MailDelivery delivery,
    OutboxSignal signal,
    IOptions<OutboxOptions> outboxOptions,
    IOptions<MailOptions> mailOptions,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>Time kept in hand at the end of a lease for writing the outcome to the database.</summary>
    internal static readonly TimeSpan LeaseSafetyMargin = TimeSpan.FromSeconds(10);

    /// <summary>This dispatcher, unique even among several in one process; each batch's lease adds a number to it.</summary>
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{RandomNumberGenerator.GetHexString(8, lowercase: true)}";

    private long _batches;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!delivery.CanDeliver)
        {
            logger.LogError("{MailDelivery}", delivery.Description);
            return;
        }
        logger.LogInformation("{MailDelivery}", delivery.Description);
        var options = outboxOptions.Value;
        if (!options.Enabled)
        {
            logger.LogInformation("The outbox dispatcher is off in this instance (Mail:Outbox:Enabled is false).");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var report = OutboxBatchReport.Empty;
            try
            {
                report = await ProcessBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The outbox dispatcher could not process a batch; it tries again in {PollInterval}.", options.PollInterval);
            }

            // A full batch suggests more are waiting: carry on without a pause, unless the server was unreachable.
            if (report.Claimed < options.BatchSize || report.Released > 0)
                await signal.WaitAsync(options.PollInterval, stoppingToken);
        }
    }

    /// <summary>
    /// Claims up to Mail:Outbox:BatchSize due messages, sends them over the connection pool (several at once), and
    /// records each outcome. The first message goes alone: if the server is down, only it spends an attempt.
    /// </summary>
    public async Task<OutboxBatchReport> ProcessBatchAsync(CancellationToken cancellationToken = default)
    {
        if (!delivery.CanDeliver) return OutboxBatchReport.Empty;
        var options = outboxOptions.Value;
        var sendTimeout = mailOptions.Value.Smtp.Timeout;

        var lease = $"{Name}:{Interlocked.Increment(ref _batches)}";
        // Started before the claim, so the lease as this dispatcher measures it ends no later than in the database.
        var leaseClock = Stopwatch.StartNew();
        List<OutboxMessage> batch;
        await using (var scope = scopes.CreateAsyncScope())
            batch = await ClaimAsync(scope.ServiceProvider.GetRequiredService<CommunityDb>(), lease, options, cancellationToken);
        if (batch.Count == 0) return OutboxBatchReport.Empty;

        int sent = 0, retrying = 0, failed = 0, released = 0;
        var serverUnavailable = false;

        async Task SendOneAsync(OutboxMessage message)
        {
            SmtpConnection? connection = null;
            try
            {
                // Waits while this instance's other sends (of this or another dispatcher) hold every connection.
                connection = await pool.RentAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { /* shutting down */ }

            using (connection)
            {
                var leaseLeft = options.LeaseLength - leaseClock.Elapsed;
                if (connection is null || Volatile.Read(ref serverUnavailable) || cancellationToken.IsCancellationRequested
                    || leaseLeft < sendTimeout + LeaseSafetyMargin)
                {
                    // Not attempted: hand it back as it was, for this or another dispatcher to take.
                    await ReleaseAsync(lease, message);
                    Interlocked.Increment(ref released);
                    return;
                }

                var outcome = await transport.SendAsync(connection, message);
                // Unreachable for one message means unreachable for the next: keep their attempts for later.
                if (outcome.ServerUnavailable) Volatile.Write(ref serverUnavailable, true);
                switch (await RecordAsync(lease, message, outcome, options))
                {
                    case OutboxStatus.Sent: Interlocked.Increment(ref sent); break;
                    case OutboxStatus.Failed: Interlocked.Increment(ref failed); break;
                    default: Interlocked.Increment(ref retrying); break;
                }
            }
        }

        await SendOneAsync(batch[0]);
        // One person's messages go one after another, in the order they were written (an invitation before its
        // cancellation); different people's go in parallel. Sends under way when the server fails finish and are
        // recorded; the ones not yet started are released.
        var perRecipient = batch.Skip(1).GroupBy(m => m.ToAddress, StringComparer.OrdinalIgnoreCase);
        await Parallel.ForEachAsync(perRecipient, new ParallelOptions { MaxDegreeOfParallelism = pool.Size }, async (messages, _) =>
        {
            foreach (var message in messages) await SendOneAsync(message);
        });
        return new OutboxBatchReport(batch.Count, sent, retrying, failed, released);
    }

    private static async Task<List<OutboxMessage>> ClaimAsync(CommunityDb db, string lease, OutboxOptions options, CancellationToken cancellationToken)
    {
        // One statement: the row locks of the inner SELECT keep concurrent claims apart (they skip each other's rows),
        // and the lease written by the UPDATE keeps messages ours after this statement's transaction commits.
        var claimed = await db.OutboxMessages.FromSql($"""
            UPDATE outbox_messages
            SET locked_until = now() + {options.LeaseLength}, locked_by = {lease}, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE status = 'Pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
                ORDER BY next_attempt_at, id
                LIMIT {options.BatchSize}
                FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        return claimed.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToList();
    }

    /// <summary>Writes the outcome, only if this dispatcher still holds the lease; returns the message's new status.</summary>
    private async Task<OutboxStatus> RecordAsync(string lease, OutboxMessage message, SendOutcome outcome, OutboxOptions options)
    {
        // Each send records on its own DbContext: sends run in parallel, and a DbContext serves one caller at a time.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        int updated;
        OutboxStatus status;
        if (outcome.Result == SendResult.Sent)
        {
            status = OutboxStatus.Sent;
            updated = await db.Database.ExecuteSqlAsync($"""
                UPDATE outbox_messages SET status = 'Sent', sent_at = now(), last_error = NULL, locked_until = NULL, locked_by = NULL
                WHERE id = {message.Id} AND locked_by = {lease}
                """, CancellationToken.None);
            logger.LogInformation("Sent email {MessageId} ({Purpose}) on attempt {Attempt}.", message.MessageId, message.Purpose, message.Attempts);
        }
        else if (outcome.Result == SendResult.Rejected || message.Attempts >= options.MaxAttempts)
        {
            status = OutboxStatus.Failed;
            var error = outcome.Result == SendResult.Rejected ? outcome.Error : $"Gave up after {message.Attempts} attempts. Last error: {outcome.Error}";
            updated = await db.Database.ExecuteSqlAsync($"""
                UPDATE outbox_messages SET status = 'Failed', last_error = {error}, locked_until = NULL, locked_by = NULL
                WHERE id = {message.Id} AND locked_by = {lease}
                """, CancellationToken.None);
            logger.LogError("Email {MessageId} ({Purpose}) failed for good on attempt {Attempt}: {Error}",
                message.MessageId, message.Purpose, message.Attempts, error);
        }
        else
        {
            status = OutboxStatus.Pending;
            var delay = RetryDelay(message.Attempts, options);
            updated = await db.Database.ExecuteSqlAsync($"""
                UPDATE outbox_messages SET next_attempt_at = now() + {delay}, last_error = {outcome.Error}, locked_until = NULL, locked_by = NULL
                WHERE id = {message.Id} AND locked_by = {lease}
                """, CancellationToken.None);
            logger.LogWarning("Email {MessageId} ({Purpose}) was not sent on attempt {Attempt}; next try in {RetryDelay}: {Error}",
                message.MessageId, message.Purpose, message.Attempts, delay, outcome.Error);
        }

        if (updated == 0)
            logger.LogError("Email {MessageId} ({Purpose}): the lease had run out and been taken over before this dispatcher could record {Outcome}.",
                message.MessageId, message.Purpose, outcome.Result);
        return status;
    }

    private async Task ReleaseAsync(string lease, OutboxMessage message)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommunityDb>().Database.ExecuteSqlAsync($"""
            UPDATE outbox_messages SET attempts = attempts - 1, locked_until = NULL, locked_by = NULL
            WHERE id = {message.Id} AND locked_by = {lease}
            """, CancellationToken.None);
    }

    internal static TimeSpan RetryDelay(int attempt, OutboxOptions options) =>
        Email.RetryDelay.After(attempt, options.RetryBaseDelay, options.RetryMaxDelay);
}
