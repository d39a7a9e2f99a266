using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Features.Newsletters;
using HeartsMinds.Community.Platform.Security;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Newsletters;

/// <summary>
/// Starting a newsletter (issue 13, "Delivery"): the audience is every confirmed signatory with the newsletter on at
/// the moment sending starts, written once under the unique key (newsletter, signatory), however many starts race.
/// </summary>
public sealed class NewsletterStartTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = SmtpSink.Start();
    // Ten minutes behind the real time, so the clock can be moved on to a scheduled time without passing the database's now().
    private readonly TestClock _clock = new();
    private readonly CommunityAppFactory _app;

    public NewsletterStartTests()
    {
        var now = DateTimeOffset.UtcNow;
        // Whole seconds, so instants read back from PostgreSQL (microseconds) compare equal.
        _clock.Set(now.AddMinutes(-10).AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
        _app = DeliveryTesting.NewslettersTo(_sink, _clock);
    }

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task Starting_writes_one_delivery_per_confirmed_signatory_with_the_newsletter_on_and_no_one_else()
    {
        var wanted = await _app.SignatoriesAsync(4, "wants");
        await _app.SignatoriesAsync(1, "opted-out", wantsNewsletter: false);
        await _app.SignatoriesAsync(1, "pending", SignatoryStatus.Pending);
        await _app.SignatoriesAsync(1, "withdrawn", SignatoryStatus.Withdrawn);
        var at = _clock.GetUtcNow().AddMinutes(2);
        var id = await _app.ScheduledAsync(at);
        Assert.Equal(4, await _app.DeskAsync(desk => desk.AudienceCountAsync(default)));

        // Not before its time.
        Assert.Equal(0, await _app.DeskAsync(desk => desk.StartDueAsync(default)));
        Assert.Equal(NewsletterStatus.Scheduled, (await _app.NewsletterAsync(id)).Status);
        Assert.Empty(await _app.DeliveriesAsync(id));

        _clock.Set(at);
        var before = DateTimeOffset.UtcNow;
        Assert.Equal(1, await _app.DeskAsync(desk => desk.StartDueAsync(default)));
        var after = DateTimeOffset.UtcNow;

        var newsletter = await _app.NewsletterAsync(id);
        Assert.Equal(NewsletterStatus.Sending, newsletter.Status);
        Assert.Equal(at, newsletter.StartedAt);
        Assert.Equal(4, newsletter.Recipients);
        Assert.Equal(newsletter.BodyMarkdown, newsletter.SentMarkdown);
        var deliveries = await _app.DeliveriesAsync(id);
        Assert.Equal(wanted.Order(), deliveries.Select(d => d.SignatoryId).Order());
        Assert.Equal(["wants1@newsletter.example", "wants2@newsletter.example", "wants3@newsletter.example", "wants4@newsletter.example"],
            deliveries.Select(d => d.ToAddress).Order());
        Assert.All(deliveries, d =>
        {
            Assert.Equal(DeliveryStatus.Pending, d.Status);
            Assert.Equal(0, d.Attempts);
            Assert.Null(d.LockedBy);
            // Due at once by the real clock, which senders compare with the database's now() (the app's clock may differ).
            Assert.InRange(d.NextAttemptAt, before.AddMilliseconds(-1), after);
            Assert.NotNull(d.LinkToken);
        });
        Assert.Equal(4, deliveries.Select(d => d.MessageId).Distinct().Count());
        Assert.Equal(4, deliveries.Select(d => d.LinkToken).Distinct().Count());

        // Each recipient's token is a preferences link of theirs (what their unsubscribe links carry).
        foreach (var delivery in deliveries)
        {
            var hash = SecretToken.Hash(delivery.LinkToken!);
            var owner = await _app.WithDbAsync(db => db.SignatoryLinks.Where(l => l.TokenHash == hash && l.Purpose == SignatoryLinkPurpose.Preferences)
                .Select(l => l.SignatoryId).SingleAsync());
            Assert.Equal(delivery.SignatoryId, owner);
        }
    }

    [Fact]
    public async Task Starting_again_starts_nothing_and_two_starts_at_once_write_each_delivery_once()
    {
        await _app.SignatoriesAsync(25, "once");
        var first = await _app.ScheduledAsync(_clock.GetUtcNow());
        Assert.Equal(1, await _app.DeskAsync(desk => desk.StartDueAsync(default)));
        Assert.Equal(0, await _app.DeskAsync(desk => desk.StartDueAsync(default)));
        Assert.Equal(25, (await _app.DeliveriesAsync(first)).Count);

        // Two start jobs (two instances) at the same moment, each in its own scope and connection.
        for (var round = 0; round < 5; round++)
        {
            var id = await _app.ScheduledAsync(_clock.GetUtcNow());
            var starts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => _app.DeskAsync(desk => desk.StartDueAsync(default)))));

            Assert.Equal(1, starts.Sum());
            var deliveries = await _app.DeliveriesAsync(id);
            Assert.Equal(25, deliveries.Count);
            Assert.Equal(25, deliveries.Select(d => d.SignatoryId).Distinct().Count());
            Assert.Equal(25, (await _app.NewsletterAsync(id)).Recipients);
        }
        // One preferences link per recipient per newsletter started, none from the starts that lost.
        Assert.Equal(6 * 25, await _app.WithDbAsync(db => db.SignatoryLinks.CountAsync(l => l.Purpose == SignatoryLinkPurpose.Preferences)));
    }

    [Fact]
    public async Task A_newsletter_with_no_one_to_send_to_starts_and_is_sent_at_once()
    {
        await _app.SignatoriesAsync(1, "nobody", wantsNewsletter: false);
        var id = await _app.ScheduledAsync(_clock.GetUtcNow());
        Assert.Equal(1, await _app.DeskAsync(desk => desk.StartDueAsync(default)));
        var started = await _app.NewsletterAsync(id);
        Assert.Equal((NewsletterStatus.Sending, 0), (started.Status, started.Recipients));

        Assert.Equal(0, (await _app.Sender().SendBatchAsync()).Claimed);

        Assert.Equal(NewsletterStatus.Sent, (await _app.NewsletterAsync(id)).Status);
        Assert.Empty(_sink.Messages);
    }

    [Fact]
    public async Task A_draft_or_a_cancelled_newsletter_is_not_started()
    {
        await _app.SignatoriesAsync(2, "draft");
        var draft = await _app.DeskAsync(desk => desk.CreateDraftAsync(DeliveryTesting.Staff, default));
        var cancelled = await _app.ScheduledAsync(_clock.GetUtcNow());
        Assert.True(await _app.DeskAsync(desk => desk.CancelScheduleAsync(cancelled, DeliveryTesting.Staff, default)));

        Assert.Equal(0, await _app.DeskAsync(desk => desk.StartDueAsync(default)));

        Assert.Equal(NewsletterStatus.Draft, (await _app.NewsletterAsync(draft)).Status);
        Assert.Equal(NewsletterStatus.Draft, (await _app.NewsletterAsync(cancelled)).Status);
        Assert.Equal(0, await _app.WithDbAsync(db => db.NewsletterDeliveries.CountAsync()));
    }
}
