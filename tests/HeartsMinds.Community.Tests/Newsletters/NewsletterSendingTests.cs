using HeartsMinds.Community.Features.Newsletters;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Newsletters;

/// <summary>
/// None lost, none doubled (issue 13): two instances sending one newsletter never both send a row; deliveries a
/// dead sender held are sent by another once its lease has run out, with the same Message-ID, and not before; an
/// SMTP server that is down loses nothing and, once back, gets every message once.
/// </summary>
public sealed class NewsletterSendingTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = SmtpSink.Start();
    private readonly TestClock _clock = new();
    private readonly List<CommunityAppFactory> _apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // The instances that share another's database first; the first made (and drops) the database.
        foreach (var app in Enumerable.Reverse(_apps)) await ((IAsyncLifetime)app).DisposeAsync();
        await _sink.DisposeAsync();
    }

    private async Task<CommunityAppFactory> AppAsync(string? database = null, params (string, string)[] settings)
    {
        var app = DeliveryTesting.NewslettersTo(_sink, _clock, database, settings);
        _apps.Add(app);
        await app.InitializeAsync();
        _ = app.Services; // started now, not when first used: instances that share a database work side by side
        return app;
    }

    [Fact]
    public async Task Two_instances_with_two_senders_each_send_every_recipient_exactly_once()
    {
        (string, string)[] settings = [("Newsletters:BatchSize", "3"), ("Newsletters:Connections", "2")];
        var first = await AppAsync(settings: settings);
        var second = await AppAsync(first.ConnectionString, settings);
        await first.SignatoriesAsync(200, "crowd");
        var id = await first.StartedAsync(_clock);
        var deliveries = await first.DeliveriesAsync(id);

        // Four senders at once, two in each instance, each claiming small batches until there is nothing left.
        var sent = await Task.WhenAll(new[] { first, first, second, second }.Select(app => Task.Run(() => app.Sender().SendAllAsync())));

        Assert.Equal(200, sent.Sum());
        Assert.True(sent[0] + sent[1] > 0 && sent[2] + sent[3] > 0, $"both instances sent some ({string.Join(", ", sent)})");
        var received = _sink.Messages;
        Assert.Equal(200, received.Count);
        Assert.Equal(deliveries.Select(d => d.ToAddress).Order(), received.Select(m => m.Recipient()).Order());
        Assert.Equal(deliveries.Select(d => d.WireMessageId()).Order(), received.Select(m => m.MessageId).Order());
        var stored = await second.DeliveriesAsync(id);
        Assert.All(stored, d => Assert.Equal((DeliveryStatus.Sent, 1), (d.Status, d.Attempts)));
        Assert.Equal(NewsletterStatus.Sent, (await second.NewsletterAsync(id)).Status);
    }

    [Fact]
    public async Task With_their_background_senders_on_two_instances_deliver_a_newsletter_started_on_one_each_recipient_once()
    {
        (string, string)[] settings = [("Newsletters:SendingEnabled", "true"), ("Newsletters:BatchSize", "4"),
            ("Newsletters:Connections", "2"), ("Newsletters:PollInterval", "00:00:00.2")];
        var first = await AppAsync(settings: settings);
        var second = await AppAsync(first.ConnectionString, settings);
        await first.SignatoriesAsync(60, "hosted");

        // Starting wakes the first instance's senders at once; the second's would find the work at their next poll,
        // and are woken too so that they surely take part.
        var id = await first.StartedAsync(_clock);
        second.Services.GetRequiredService<NewsletterSignal>().Wake();

        var received = await _sink.WaitForMessagesAsync(60, TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await first.NewsletterAsync(id)).Status != NewsletterStatus.Sent && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(NewsletterStatus.Sent, (await first.NewsletterAsync(id)).Status);
        received = _sink.Messages; // anything sent twice would have arrived by the time the newsletter is marked sent
        Assert.Equal(60, received.Count);
        Assert.Equal((await first.DeliveriesAsync(id)).Select(d => d.ToAddress).Order(), received.Select(m => m.Recipient()).Order());
        Assert.All(await second.DeliveriesAsync(id), d => Assert.Equal((DeliveryStatus.Sent, 1), (d.Status, d.Attempts)));
        // Each instance opens at most Newsletters:Connections (2): more than two at once means both were sending.
        Assert.InRange(_sink.MostOpenAtOnce, 3, 4);
    }

    [Fact]
    public async Task The_background_senders_keep_to_the_rate_cap_and_the_number_of_connections()
    {
        // One a second over one connection. Only upper bounds are checked: a slow machine cannot break them.
        var app = await AppAsync(settings: [("Newsletters:SendingEnabled", "true"), ("Newsletters:MessagesPerMinute", "60"),
            ("Newsletters:Connections", "1"), ("Newsletters:PollInterval", "00:00:00.2")]);
        await app.SignatoriesAsync(10, "capped");
        await app.StartedAsync(_clock);

        await _sink.WaitForMessagesAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(2));

        // The first, then at most one a second (a refill may land just after the first): four at the very most.
        Assert.InRange(_sink.Messages.Count, 1, 4);
        Assert.Equal(1, _sink.MostOpenAtOnce);
    }

    [Fact]
    public async Task Deliveries_a_dead_sender_held_are_sent_once_its_lease_has_run_out_with_the_same_message_id_and_not_before()
    {
        var app = await AppAsync();
        await app.SignatoriesAsync(4, "lease");
        var id = await app.StartedAsync(_clock);
        var d = await app.DeliveriesAsync(id);

        // A sender that died holding d[0] and d[1] (its lease has run out) after the server had accepted d[0] but before
        // the record of it; and a sender still alive and working on d[2] (its lease runs for another ten minutes).
        await SendCopyAsDeadSenderAsync(app, d[0]);
        await app.SqlAsync($"""
            UPDATE newsletter_deliveries SET locked_by = 'dead-host:1:abc:7', locked_until = now() - interval '1 second', attempts = 1
            WHERE id IN ({d[0].Id}, {d[1].Id})
            """);
        await app.SqlAsync($"""
            UPDATE newsletter_deliveries SET locked_by = 'live-host:2:def:3', locked_until = now() + interval '10 minutes', attempts = 1
            WHERE id = {d[2].Id}
            """);

        Assert.Equal(3, await app.Sender().SendAllAsync());

        var received = _sink.Messages;
        Assert.Equal([d[0].ToAddress, d[0].ToAddress, d[1].ToAddress, d[3].ToAddress], received.Select(m => m.Recipient()).Order());
        // The one repeat a crash can cause keeps the first copy's Message-ID, so it can be recognised.
        Assert.Equal([d[0].WireMessageId(), d[0].WireMessageId()], received.Where(m => m.Recipient() == d[0].ToAddress).Select(m => m.MessageId));
        Assert.Equal(d[1].WireMessageId(), received.Single(m => m.Recipient() == d[1].ToAddress).MessageId);
        var stored = await app.DeliveriesAsync(id);
        Assert.Equal([(DeliveryStatus.Sent, 2), (DeliveryStatus.Sent, 2), (DeliveryStatus.Pending, 1), (DeliveryStatus.Sent, 1)],
            stored.Select(x => (x.Status, x.Attempts)));
        Assert.Equal("live-host:2:def:3", stored[2].LockedBy);
        Assert.Equal(NewsletterStatus.Sending, (await app.NewsletterAsync(id)).Status);

        // The live sender dies too: once its lease has run out, its delivery goes.
        await app.SqlAsync($"UPDATE newsletter_deliveries SET locked_until = now() - interval '1 second' WHERE id = {d[2].Id}");
        Assert.Equal(1, await app.Sender().SendAllAsync());

        Assert.Equal(d[2].WireMessageId(), _sink.Messages.Single(m => m.Recipient() == d[2].ToAddress).MessageId);
        Assert.Equal(5, _sink.Messages.Count);
        Assert.Equal(NewsletterStatus.Sent, (await app.NewsletterAsync(id)).Status);
    }

    /// <summary>What the SMTP server got from the dead sender before it died: the same message, composed for the same delivery.</summary>
    private async Task SendCopyAsDeadSenderAsync(CommunityAppFactory app, NewsletterDelivery delivery)
    {
        // Another instance on the database sends just this delivery and is then stopped; its row is put back as claimed.
        var dead = await AppAsync(app.ConnectionString, ("Newsletters:BatchSize", "1"));
        Assert.Equal(1, (await dead.Sender().SendBatchAsync()).Sent);
        _apps.Remove(dead);
        await dead.DisposeAsync();
        await app.SqlAsync($"""
            UPDATE newsletter_deliveries SET status = 'Pending', sent_at = NULL, link_token = {delivery.LinkToken}
            WHERE id = {delivery.Id}
            """);
        Assert.Equal(delivery.ToAddress, Assert.Single(_sink.Messages).Recipient());
    }

    [Fact]
    public async Task Stopping_the_app_while_a_batch_waits_for_the_rate_cap_hands_the_unsent_rest_back_at_once()
    {
        // One message a second, one connection: a batch of five spends most of its time waiting for the cap.
        var app = await AppAsync(settings: [("Newsletters:MessagesPerMinute", "60"), ("Newsletters:Connections", "1"), ("Newsletters:BatchSize", "5")]);
        await app.SignatoriesAsync(5, "stopping");
        var id = await app.StartedAsync(_clock);
        using var stopping = new CancellationTokenSource();

        var batch = app.Sender().SendBatchAsync(stopping.Token);
        await _sink.WaitForMessagesAsync(1);
        stopping.Cancel(); // the host stopping: the sender's stoppingToken
        try { await batch; } catch (OperationCanceledException) { /* how the batch ends is its own business */ }

        // What was not sent is free for the next instance now, not when the lease runs out minutes later.
        var sent = _sink.Messages.Select(m => m.Recipient()).ToHashSet();
        Assert.InRange(sent.Count, 1, 4); // one a second: at least one is left, however slow the machine
        var rest = (await app.DeliveriesAsync(id)).Where(d => !sent.Contains(d.ToAddress)).ToList();
        Assert.Equal(5 - sent.Count, rest.Count);
        Assert.All(rest, d => Assert.Equal((DeliveryStatus.Pending, 0, (string?)null), (d.Status, d.Attempts, d.LockedBy)));
    }

    [Fact]
    public async Task With_the_smtp_server_down_nothing_is_marked_sent_or_failed_and_once_it_is_back_each_recipient_gets_one_copy()
    {
        var app = await AppAsync(settings: ("Newsletters:BatchSize", "3"));
        await app.SignatoriesAsync(6, "outage");
        var id = await app.StartedAsync(_clock);
        var d = await app.DeliveriesAsync(id);
        Assert.Equal(3, (await app.Sender().SendBatchAsync()).Sent);

        _sink.Stop();
        var down = await app.Sender().SendBatchAsync();

        Assert.Equal((3, 0, true), (down.Claimed, down.Sent, down.ServerTrouble));
        var stored = await app.DeliveriesAsync(id);
        Assert.Equal(3, stored.Count(x => x.Status == DeliveryStatus.Sent));
        Assert.Equal(3, stored.Count(x => x.Status == DeliveryStatus.Pending));
        Assert.All(stored, x => Assert.Null(x.LockedBy));
        // The one tried waits for a retry; the rest of the batch was handed back untried.
        var tried = stored[3];
        Assert.Equal(1, tried.Attempts);
        Assert.NotNull(tried.LastError);
        Assert.True(tried.NextAttemptAt > DateTimeOffset.UtcNow.AddSeconds(10), "the one tried waits for its retry");
        Assert.All(stored.Skip(4), x => Assert.Equal((0, (string?)null), (x.Attempts, x.LastError)));
        Assert.Equal(NewsletterStatus.Sending, (await app.NewsletterAsync(id)).Status);

        _sink.Restart();
        Assert.Equal(2, await app.Sender().SendAllAsync());
        await app.MakeDueAsync(tried.Id);
        Assert.Equal(1, await app.Sender().SendAllAsync());

        Assert.Equal(d.Select(x => x.ToAddress).Order(), _sink.Messages.Select(m => m.Recipient()).Order());
        Assert.All(await app.DeliveriesAsync(id), x => Assert.Equal(DeliveryStatus.Sent, x.Status));
        Assert.Equal(NewsletterStatus.Sent, (await app.NewsletterAsync(id)).Status);
    }
}
