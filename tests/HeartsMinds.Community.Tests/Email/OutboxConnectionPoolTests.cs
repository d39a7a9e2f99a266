using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Email;

/// <summary>Many messages through a small pool of reused SMTP connections, sent in parallel.</summary>
[Collection(EmailAppCollection.Name)]
public sealed class OutboxConnectionPoolTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = SmtpSink.Start();
    private readonly CommunityAppFactory _app;

    public OutboxConnectionPoolTests() => _app = new CommunityAppFactory().SendingTo(_sink)
        .WithSetting("Mail:Smtp:Connections", "4")
        .WithSetting("Mail:Outbox:BatchSize", "50");

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task Five_hundred_messages_arrive_exactly_once_over_at_most_four_reused_connections()
    {
        var queued = await _app.EnqueueAsync(Enumerable.Range(1, 500).Select(n => EmailTesting.Message(n)).ToArray());

        var batches = 0;
        for (OutboxBatchReport report; (report = await _app.Dispatcher().ProcessBatchAsync()).Claimed > 0; batches++)
            Assert.Equal(report.Claimed, report.Sent);

        var received = _sink.Messages.Select(m => m.MessageId).ToList();
        Assert.Equal(500, received.Count);
        Assert.Equal(queued.Select(m => $"<{m.MessageId:D}@localhost>").Order(), received.Order());
        Assert.Equal(10, batches);
        Assert.InRange(_sink.MostOpenAtOnce, 2, 4); // in parallel, within Mail:Smtp:Connections
        Assert.InRange(_sink.ConnectionCount, 2, 4); // each connection carried many messages
        Assert.Equal(500, await _app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent && m.Attempts == 1)));
    }

    [Fact]
    public async Task One_persons_messages_arrive_in_the_order_they_were_written()
    {
        // Three people, five messages each, interleaved as features would write them.
        var messages = Enumerable.Range(0, 15).Select(n =>
        {
            var message = EmailTesting.Message(n);
            message.ToAddress = $"person{n % 3}@example.org";
            return message;
        }).ToArray();
        var queued = await _app.EnqueueAsync(messages);

        await _app.Dispatcher().ProcessBatchAsync();

        Assert.Equal(15, _sink.Messages.Count);
        foreach (var person in queued.GroupBy(m => m.ToAddress))
            Assert.Equal(person.Select(m => $"<{m.MessageId:D}@localhost>"),
                _sink.Messages.Where(m => m.Recipients.Single() == person.Key).Select(m => m.MessageId));
    }
}
