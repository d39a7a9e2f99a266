using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// Sends newsletters. Each of Newsletters:Connections senders claims a batch of deliveries with a lease in one
/// statement (FOR UPDATE SKIP LOCKED, so senders in any number of instances never claim the same row), sends each over
/// its own place in this instance's newsletter connection pool, and records the outcome before sending the next, only
/// while it still holds the lease. So the only way to a second copy is the app dying between the server accepting a
/// message and that record: at most one message per connection, per crash, and it keeps its Message-ID. A delivery
/// whose lease ran out (its sender died) is claimed again; one whose signatory turned the newsletter off is skipped.
/// </summary>
public sealed class NewsletterSender : BackgroundService
{
    /// <summary>Time kept in hand at the end of a lease for recording the outcome.</summary>
    internal static readonly TimeSpan LeaseSafetyMargin = TimeSpan.FromSeconds(10);

    private readonly NpgsqlDataSource _database;
    private readonly SmtpConnectionPool _pool;
    private readonly SmtpMailTransport _transport;
    private readonly MailDelivery _delivery;
    private readonly NewsletterSignal _signal;
    private readonly NewsletterOptions _options;
    private readonly TimeSpan _sendTimeout;
    private readonly SiteOptions _site;
    private readonly RateLimiter? _rate;
    private readonly ILogger<NewsletterSender> _logger;
    private readonly ConcurrentDictionary<long, RenderedNewsletter> _rendered = new();
    private long _batches;

    public NewsletterSender(CommunityConnectionString connectionString, SmtpMailTransport transport, MailDelivery delivery,
        NewsletterSignal signal, IOptions<NewsletterOptions> options, IOptions<MailOptions> mail, IOptions<SiteOptions> site,
        ILoggerFactory loggers)
    {
        _database = NpgsqlDataSource.Create(connectionString.Value);
        _options = options.Value;
        // Its own pool, so a newsletter of thousands never holds up the outbox's booking emails (and vice versa).
        _pool = new SmtpConnectionPool(delivery, mail, loggers.CreateLogger<SmtpConnectionPool>(), _options.Connections);
        _transport = transport;
        _delivery = delivery;
        _signal = signal;
        _sendTimeout = mail.Value.Smtp.Timeout;
        _site = site.Value;
        _rate = RateFor(_options);
        _logger = loggers.CreateLogger<NewsletterSender>();
    }

    /// <summary>This sender's name, unique among instances and restarts; each batch's lease adds a number to it.</summary>
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{RandomNumberGenerator.GetHexString(8, lowercase: true)}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.SendingEnabled || !_delivery.CanDeliver)
        {
            _logger.LogInformation("This instance sends no newsletters ({Reason}).",
                _options.SendingEnabled ? _delivery.Description : "Newsletters:SendingEnabled is false");
            return;
        }
        await Task.WhenAll(Enumerable.Range(0, _options.Connections).Select(_ => Task.Run(() => RunSenderAsync(stoppingToken), stoppingToken)));
    }

    private async Task RunSenderAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            BatchReport report;
            try
            {
                report = await SendBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A newsletter sender could not finish a batch; it tries again in {PollInterval}.", _options.PollInterval);
                report = new BatchReport(0, 0, ServerTrouble: true);
            }
            // A batch that went through suggests more are waiting: carry on without a pause.
            if (report.Claimed == 0 || report.ServerTrouble)
                await _signal.WaitAsync(_options.PollInterval, stoppingToken);
        }
    }

    /// <param name="ServerTrouble">The server was unavailable: the rest of the batch was handed back.</param>
    public sealed record BatchReport(int Claimed, int Sent, bool ServerTrouble = false);

    /// <summary>
    /// Claims one batch and works through it (tests drive senders this way, with Newsletters:SendingEnabled false).
    /// With nothing to claim, marks newsletters with nothing left waiting as sent.
    /// </summary>
    public async Task<BatchReport> SendBatchAsync(CancellationToken cancellationToken = default)
    {
        var lease = $"{Name}:{Interlocked.Increment(ref _batches)}";
        var leaseClock = Stopwatch.StartNew();
        var batch = await ClaimAsync(lease, cancellationToken);
        if (batch.Count == 0)
        {
            await FinishCompletedAsync(cancellationToken);
            return new BatchReport(0, 0);
        }

        var sent = 0;
        var i = 0;
        try
        {
            for (; i < batch.Count; i++)
            {
                var delivery = batch[i];
                if (!delivery.StillWanted || delivery.LinkToken is null)
                {
                    await RecordAsync(lease, delivery.Id, DeliveryStatus.Skipped, null, TimeSpan.Zero);
                    continue;
                }
                if (_rate is not null)
                    using (await _rate.AcquireAsync(1, cancellationToken)) { }
                if (cancellationToken.IsCancellationRequested || _options.LeaseLength - leaseClock.Elapsed < _sendTimeout + LeaseSafetyMargin)
                {
                    await ReleaseAsync(lease, batch.Skip(i));
                    return new BatchReport(batch.Count, sent);
                }

                var newsletter = await RenderedAsync(delivery.NewsletterId, cancellationToken);
                var message = NewsletterEmail.Compose(newsletter, delivery.ToAddress, delivery.ToName, delivery.OrganisationName,
                    delivery.LinkToken, delivery.MessageId, _site);
                SendOutcome outcome;
                using (var connection = await _pool.RentAsync(cancellationToken))
                    outcome = await _transport.SendAsync(connection, message);

                if (outcome.Result == SendResult.Sent)
                {
                    await RecordAsync(lease, delivery.Id, DeliveryStatus.Sent, null, TimeSpan.Zero);
                    sent++;
                }
                else if (outcome.Result == SendResult.Rejected || delivery.Attempts >= _options.MaxAttempts)
                {
                    var error = outcome.Result == SendResult.Rejected ? outcome.Error : $"Gave up after {delivery.Attempts} attempts. Last error: {outcome.Error}";
                    await RecordAsync(lease, delivery.Id, DeliveryStatus.Failed, error, TimeSpan.Zero);
                    _logger.LogWarning("Newsletter {NewsletterId} to delivery {DeliveryId} failed for good: {Error}", delivery.NewsletterId, delivery.Id, error);
                }
                else
                {
                    await RecordAsync(lease, delivery.Id, DeliveryStatus.Pending, outcome.Error,
                        RetryDelay.After(delivery.Attempts, _options.RetryBaseDelay, _options.RetryMaxDelay));
                }

                if (outcome.ServerUnavailable)
                {
                    // The next message would fail the same way: hand the rest back, and let the poll interval pass.
                    _logger.LogWarning("Newsletter sending paused for {PollInterval}: {Error}", _options.PollInterval, outcome.Error);
                    await ReleaseAsync(lease, batch.Skip(i + 1));
                    return new BatchReport(batch.Count, sent, ServerTrouble: true);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping (while waiting for the rate cap or a connection): what has not been sent goes back at once,
            // rather than staying leased to this stopped sender for Newsletters:LeaseLength.
            await ReleaseAsync(lease, batch.Skip(i));
            throw;
        }
        return new BatchReport(batch.Count, sent);
    }

    /// <summary>
    /// Up to a batch of due deliveries of newsletters that are sending, leased to this batch. A smaller batch when the
    /// rate cap would make a full one outlast about ten seconds, so pausing takes effect soon.
    /// </summary>
    private async Task<List<ClaimedDelivery>> ClaimAsync(string lease, CancellationToken cancellationToken)
    {
        var size = _options.MessagesPerMinute > 0
            ? Math.Clamp(_options.MessagesPerMinute / 6 / _options.Connections, 1, _options.BatchSize)
            : _options.BatchSize;
        await using var command = _database.CreateCommand("""
            UPDATE newsletter_deliveries d
            SET locked_until = now() + $1, locked_by = $2, attempts = d.attempts + 1
            FROM (SELECT d2.id FROM newsletter_deliveries d2 JOIN newsletters n ON n.id = d2.newsletter_id
                  WHERE n.status = 'Sending' AND d2.status = 'Pending' AND d2.next_attempt_at <= now()
                    AND (d2.locked_until IS NULL OR d2.locked_until < now())
                  ORDER BY d2.newsletter_id, d2.next_attempt_at, d2.id
                  LIMIT $3
                  FOR UPDATE OF d2 SKIP LOCKED) due,
                 charter_signatories s
            WHERE d.id = due.id AND s.id = d.signatory_id
            RETURNING d.id, d.newsletter_id, d.to_address, d.to_name, d.organisation_name, d.link_token, d.message_id, d.attempts,
                      s.status = 'Confirmed' AND s.wants_newsletter
            """);
        command.Parameters.AddWithValue(_options.LeaseLength);
        command.Parameters.AddWithValue(lease);
        command.Parameters.AddWithValue(size);
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            claimed.Add(new ClaimedDelivery(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetGuid(6), reader.GetInt32(7), reader.GetBoolean(8)));
        return claimed.OrderBy(d => d.Id).ToList();
    }

    /// <summary>Writes the outcome only while this batch still holds the lease; the link token goes once it is no longer needed.</summary>
    private async Task RecordAsync(string lease, long id, DeliveryStatus status, string? error, TimeSpan retryIn)
    {
        await using var command = _database.CreateCommand("""
            UPDATE newsletter_deliveries
            SET status = $3, last_error = $4, locked_until = NULL, locked_by = NULL,
                sent_at = CASE WHEN $3 = 'Sent' THEN now() END,
                next_attempt_at = CASE WHEN $3 = 'Pending' THEN now() + $5 ELSE next_attempt_at END,
                link_token = CASE WHEN $3 IN ('Sent', 'Skipped') THEN NULL ELSE link_token END
            WHERE id = $1 AND locked_by = $2
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(lease);
        command.Parameters.AddWithValue(status.ToString());
        command.Parameters.AddWithValue((object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue(retryIn);
        // Not cancelled by shutdown: an outcome is worth writing even as the app stops.
        if (await command.ExecuteNonQueryAsync(CancellationToken.None) == 0)
            _logger.LogError("Newsletter delivery {DeliveryId}: the lease had run out before its outcome ({Status}) was recorded.", id, status);
    }

    /// <summary>Hands claimed deliveries back untried, attempt uncounted, for this or another sender to take.</summary>
    private async Task ReleaseAsync(string lease, IEnumerable<ClaimedDelivery> deliveries)
    {
        var ids = deliveries.Select(d => d.Id).ToArray();
        if (ids.Length == 0) return;
        await using var command = _database.CreateCommand("""
            UPDATE newsletter_deliveries SET attempts = attempts - 1, locked_until = NULL, locked_by = NULL
            WHERE id = ANY($1) AND locked_by = $2
            """);
        command.Parameters.AddWithValue(ids);
        command.Parameters.AddWithValue(lease);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>A sending newsletter with nothing left waiting is sent.</summary>
    private async Task FinishCompletedAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand("""
            UPDATE newsletters n SET status = 'Sent', finished_at = now()
            WHERE n.status = 'Sending'
              AND NOT EXISTS (SELECT 1 FROM newsletter_deliveries d WHERE d.newsletter_id = n.id AND d.status = 'Pending')
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rendered once per newsletter for this instance: its sent content does not change once it has started.</summary>
    private async Task<RenderedNewsletter> RenderedAsync(long id, CancellationToken cancellationToken)
    {
        if (_rendered.TryGetValue(id, out var rendered)) return rendered;
        await using var command = _database.CreateCommand("SELECT subject, preview_line, sent_markdown FROM newsletters WHERE id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException($"Newsletter {id} is gone.");
        rendered = RenderedNewsletter.Of(id, reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2));
        return _rendered[id] = rendered;
    }

    /// <summary>A token bucket for Newsletters:MessagesPerMinute, refilled every tenth of a second or more, with a burst of
    /// one refill per connection; none when there is no cap.</summary>
    private static TokenBucketRateLimiter? RateFor(NewsletterOptions options)
    {
        if (options.MessagesPerMinute <= 0) return null;
        var perRefill = Math.Max(1, options.MessagesPerMinute / 600);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokensPerPeriod = perRefill,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) * perRefill / options.MessagesPerMinute,
            TokenLimit = perRefill * options.Connections,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public override void Dispose()
    {
        base.Dispose();
        _rate?.Dispose();
        _pool.Dispose();
        _database.Dispose();
    }
}
