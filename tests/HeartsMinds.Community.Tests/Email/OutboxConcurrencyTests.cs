using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Email;

/// <summary>Several dispatchers in several app instances on one database: every message goes out exactly once.</summary>
[Collection(EmailAppCollection.Name)]
public sealed class OutboxConcurrencyTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = SmtpSink.Start();
    private readonly CommunityAppFactory _first;
    private CommunityAppFactory _second = null!;

    public OutboxConcurrencyTests() => _first = new CommunityAppFactory().SendingTo(_sink).WithSetting("Mail:Outbox:BatchSize", "7");

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        _second = CommunityAppFactory.ForDatabase(_first.ConnectionString).SendingTo(_sink).WithSetting("Mail:Outbox:BatchSize", "7");
        _ = _first.Services; // start the instances one after the other, as a deployment would
        _ = _second.Services;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await ((IAsyncLifetime)_first).DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task Four_dispatchers_in_two_instances_racing_over_200_messages_send_each_exactly_once()
    {
        var queued = await _first.EnqueueAsync(Enumerable.Range(1, 200).Select(n => EmailTesting.Message(n)).ToArray());
        // Two dispatchers per instance: the instance's own and a second one with its own lease name.
        var dispatchers = new[]
        {
            _first.Dispatcher(), ActivatorUtilities.CreateInstance<OutboxDispatcher>(_first.Services),
            _second.Dispatcher(), ActivatorUtilities.CreateInstance<OutboxDispatcher>(_second.Services),
        };

        var sentBy = await Task.WhenAll(dispatchers.Select(dispatcher => Task.Run(async () =>
        {
            var sent = 0;
            for (OutboxBatchReport report; (report = await dispatcher.ProcessBatchAsync()).Claimed > 0;)
                sent += report.Sent;
            return sent;
        })));

        var messageIds = _sink.Messages.Select(m => m.MessageId).ToList();
        Assert.Equal(200, messageIds.Count);
        Assert.Equal(queued.Select(m => $"<{m.MessageId:D}@localhost>").Order(), messageIds.Order());
        Assert.Equal(200, sentBy.Sum());
        Assert.True(sentBy.Count(n => n > 0) >= 2, $"The dispatchers did not overlap: each sent {string.Join(", ", sentBy)}");
        // One pool per instance, shared by its dispatchers: 4 connections each at most.
        Assert.InRange(_sink.MostOpenAtOnce, 1, 8);

        var statuses = await _first.WithDbAsync(db => db.OutboxMessages.GroupBy(m => new { m.Status, m.Attempts })
            .Select(g => new { g.Key.Status, g.Key.Attempts, Count = g.Count() }).ToListAsync());
        var only = Assert.Single(statuses);
        Assert.Equal((OutboxStatus.Sent, 1, 200), (only.Status, only.Attempts, only.Count));
    }
}

/// <summary>Outside Development, with neither SMTP nor a pickup directory, nothing is sent and nothing is lost.</summary>
[Collection(EmailAppCollection.Name)]
public sealed class OutboxWithoutTransportTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Messages_stay_pending_untouched_until_mail_is_configured()
    {
        var queued = (await app.EnqueueAsync(EmailTesting.Message()))[0];

        var report = await app.Dispatcher().ProcessBatchAsync();

        Assert.False(app.Services.GetRequiredService<MailDelivery>().CanDeliver);
        Assert.Equal(0, report.Claimed);
        var stored = await app.ReloadAsync(queued);
        Assert.Equal((OutboxStatus.Pending, 0, null), (stored.Status, stored.Attempts, stored.LockedBy));
    }
}
