using System.Net;
using HeartsMinds.Community.Features.Newsletters;
using HeartsMinds.Community.Tests.Email;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Newsletters;

/// <summary>
/// Sending a started newsletter to a real SMTP conversation (issue 13, "Delivery"): one copy per recipient with
/// their own working unsubscribe headers and links; nothing for someone who unsubscribed meanwhile; passing failures
/// retried, permanent ones recorded and retried only when staff ask; a paused newsletter waits.
/// </summary>
public sealed class NewsletterDeliveryTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = SmtpSink.Start();
    private readonly TestClock _clock = new();
    private readonly List<CommunityAppFactory> _apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await ((IAsyncLifetime)app).DisposeAsync();
        await _sink.DisposeAsync();
    }

    private async Task<CommunityAppFactory> AppAsync(params (string, string)[] settings)
    {
        var app = DeliveryTesting.NewslettersTo(_sink, _clock, settings: settings);
        _apps.Add(app);
        await app.InitializeAsync();
        return app;
    }

    [Fact]
    public async Task Each_recipient_gets_one_copy_with_their_own_one_click_unsubscribe_and_browser_link_and_no_images()
    {
        var app = await AppAsync();
        await app.SignatoriesAsync(3, "reader");
        await app.SignatoriesAsync(1, "quiet", wantsNewsletter: false);
        // An image in the Markdown too: it must not become a remote image that reports who opened the email.
        var id = await app.ScheduledAsync(_clock.GetUtcNow(),
            body: "## Hello\n\nOur [annual report](https://example.org/annual-report) is out.\n\n![Our team](https://images.example.org/team.png)");
        Assert.Equal(1, await app.DeskAsync(desk => desk.StartDueAsync(default)));
        var deliveries = await app.DeliveriesAsync(id);
        var tokens = deliveries.ToDictionary(d => d.ToAddress, d => d.LinkToken!);

        Assert.Equal(3, await app.Sender().SendAllAsync());

        var received = _sink.Messages;
        Assert.Equal(3, received.Count);
        Assert.Equal(deliveries.Select(d => d.ToAddress).Order(), received.Select(m => m.Recipient()).Order());
        foreach (var message in received)
        {
            var delivery = deliveries.Single(d => d.ToAddress == message.Recipient());
            var token = tokens[delivery.ToAddress];
            Assert.Equal(delivery.WireMessageId(), message.MessageId);
            var mail = message.Parse();
            Assert.Equal("Spring news", mail.Subject);
            Assert.Equal(delivery.ToAddress, Assert.Single(mail.To.Mailboxes).Address);

            var unsubscribe = $"https://localhost/charter/unsubscribe/{token}";
            var targets = mail.UnsubscribeTargets();
            Assert.Equal(2, targets.Count);
            Assert.Equal(unsubscribe, targets[0]);
            Assert.StartsWith("mailto:", targets[1]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Header("List-Unsubscribe-Post"));
            Assert.NotNull(message.Header("List-Id"));

            var html = mail.HtmlBody;
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"<a href=\"{unsubscribe}\"", html);
            Assert.Contains("Unsubscribe from the newsletter</a>", html);
            Assert.Contains($"<a href=\"https://localhost/newsletters/{id}\"", html);
            Assert.Contains("View this newsletter in your browser</a>", html);
            // Links go where the author wrote them: not rewritten through a redirect that counts clicks.
            Assert.Matches("<a href=\"https://example.org/annual-report\"[^>]*>annual report</a>", html);
            Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"Unsubscribe from the newsletter: {unsubscribe}", mail.TextBody);
            Assert.Contains($"https://localhost/newsletters/{id}", mail.TextBody);
        }

        var stored = await app.DeliveriesAsync(id);
        Assert.All(stored, d =>
        {
            Assert.Equal(DeliveryStatus.Sent, d.Status);
            Assert.NotNull(d.SentAt);
            Assert.Equal(1, d.Attempts);
            Assert.Null(d.LockedBy);
            Assert.Null(d.LastError);
        });
        var newsletter = await app.NewsletterAsync(id);
        Assert.Equal(NewsletterStatus.Sent, newsletter.Status);
        Assert.NotNull(newsletter.FinishedAt);

        // "View this newsletter in your browser" leads to the newsletter's page.
        var online = await app.CreateBrowserLikeClient().GetAsync($"/newsletters/{id}");
        Assert.Equal(HttpStatusCode.OK, online.StatusCode);
        Assert.Contains("Spring news", await online.TextAsync());

        // A mail app's one-click unsubscribe (RFC 8058): a bare form POST to the https address, no cookies, no antiforgery.
        var chosen = received[1];
        var link = new Uri(chosen.Parse().UnsubscribeTargets()[0]);
        using var mailApp = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var response = await mailApp.PostAsync(link.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var wants = await app.WithDbAsync(db => db.Signatories.AsNoTracking().ToDictionaryAsync(s => s.Email, s => s.WantsNewsletter));
        Assert.False(wants[chosen.Recipient()]);
        Assert.Equal(2, received.Count(m => wants[m.Recipient()]));
        Assert.Equal(2, await app.DeskAsync(desk => desk.AudienceCountAsync(default)));
    }

    [Fact]
    public async Task Names_and_subject_with_markup_reach_the_recipient_encoded_and_never_as_html()
    {
        var app = await AppAsync();
        var signatory = Assert.Single(await app.SignatoriesAsync(1, "markup"));
        await app.SqlAsync($"UPDATE charter_signatories SET organisation_name = 'Smith & <b>Sons</b>', contact_name = 'Zoë \"Z\" O''Neill' WHERE id = {signatory}");
        var id = await app.ScheduledAsync(_clock.GetUtcNow(), subject: "News & <i>views</i> – spring");
        Assert.Equal(1, await app.DeskAsync(desk => desk.StartDueAsync(default)));

        Assert.Equal(1, await app.Sender().SendAllAsync());

        var received = Assert.Single(_sink.Messages);
        Assert.DoesNotContain(received.Data, c => c > 127); // names and subject travel encoded, 7-bit on the wire
        var mail = received.Parse();
        Assert.Equal("News & <i>views</i> – spring", mail.Subject);
        Assert.Equal("Zoë \"Z\" O'Neill", Assert.Single(mail.To.Mailboxes).Name);
        Assert.Contains("Smith &amp; &lt;b&gt;Sons&lt;/b&gt;", mail.HtmlBody);
        Assert.Contains("<title>News &amp; &lt;i&gt;views&lt;/i&gt; – spring</title>", mail.HtmlBody);
        Assert.DoesNotContain("<b>Sons</b>", mail.HtmlBody);
        Assert.DoesNotContain("<i>views</i>", mail.HtmlBody);
    }

    [Fact]
    public async Task Someone_who_unsubscribes_or_withdraws_after_the_start_but_before_their_turn_is_skipped_and_gets_nothing()
    {
        var app = await AppAsync(("Newsletters:BatchSize", "2"));
        await app.SignatoriesAsync(5, "member");
        var id = await app.StartedAsync(_clock);
        var deliveries = await app.DeliveriesAsync(id);

        // The first batch goes; then the fourth unsubscribes with their email's own link, and the fifth withdraws.
        Assert.Equal(2, (await app.Sender().SendBatchAsync()).Sent);
        using var mailApp = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var unsubscribed = await mailApp.PostAsync($"/charter/unsubscribe/{deliveries[3].LinkToken}",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        await app.SqlAsync($"UPDATE charter_signatories SET status = 'Withdrawn', withdrawn_at = now() WHERE id = {deliveries[4].SignatoryId}");

        Assert.Equal(1, await app.Sender().SendAllAsync());

        Assert.Equal(deliveries.Take(3).Select(d => d.ToAddress).Order(), _sink.Messages.Select(m => m.Recipient()).Order());
        var stored = await app.DeliveriesAsync(id);
        Assert.Equal([DeliveryStatus.Sent, DeliveryStatus.Sent, DeliveryStatus.Sent, DeliveryStatus.Skipped, DeliveryStatus.Skipped],
            stored.Select(d => d.Status));
        Assert.All(stored.Skip(3), d =>
        {
            Assert.Null(d.SentAt);
            Assert.Null(d.LinkToken);
            Assert.Null(d.LockedBy);
        });
        Assert.Equal(NewsletterStatus.Sent, (await app.NewsletterAsync(id)).Status);
    }

    [Fact]
    public async Task A_passing_refusal_is_retried_later_a_permanent_one_fails_for_good_until_staff_retry_it()
    {
        var app = await AppAsync();
        await app.SignatoriesAsync(3, "retry");
        var id = await app.StartedAsync(_clock);
        var deliveries = await app.DeliveriesAsync(id);
        var (busy, unknown, fine) = (deliveries[0], deliveries[1], deliveries[2]);
        _sink.RefuseNextRecipients(1, "450 4.2.1 Mailbox busy, try again later");
        _sink.RefuseNextRecipients(1, "550 5.1.1 No such mailbox");

        var first = await app.Sender().SendBatchAsync();

        Assert.Equal((3, 1, false), (first.Claimed, first.Sent, first.ServerTrouble));
        Assert.Equal([fine.ToAddress], _sink.Messages.Select(m => m.Recipient()));
        var stored = await app.DeliveriesAsync(id);
        var waiting = stored.Single(d => d.Id == busy.Id);
        Assert.Equal(DeliveryStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("450", waiting.LastError);
        Assert.Null(waiting.LockedBy);
        // Backoff: half to all of Newsletters:RetryBaseDelay (a minute) after the first failure.
        Assert.InRange(waiting.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(15), DateTimeOffset.UtcNow.AddSeconds(65));
        var failed = stored.Single(d => d.Id == unknown.Id);
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Contains("550", failed.LastError);
        Assert.NotNull(failed.LinkToken);

        // Nothing is due: the newsletter is still sending (one is waiting), and the failed one is not tried again.
        Assert.Equal(0, await app.Sender().SendAllAsync());
        Assert.Equal(NewsletterStatus.Sending, (await app.NewsletterAsync(id)).Status);

        await app.MakeDueAsync(busy.Id);
        Assert.Equal(1, await app.Sender().SendAllAsync());

        Assert.Equal([fine.ToAddress, busy.ToAddress], _sink.Messages.Select(m => m.Recipient()));
        stored = await app.DeliveriesAsync(id);
        Assert.Equal([(DeliveryStatus.Failed, 1), (DeliveryStatus.Sent, 1)], stored.Skip(1).Select(d => (d.Status, d.Attempts)));
        Assert.Equal((DeliveryStatus.Sent, 2), (stored[0].Status, stored[0].Attempts));
        Assert.Equal(NewsletterStatus.Sent, (await app.NewsletterAsync(id)).Status);

        // Staff retry the failed one (the mailbox exists now): sent, and the newsletter is sent again.
        Assert.Equal(1, await app.DeskAsync(desk => desk.RetryFailedAsync(id, DeliveryTesting.Staff, default)));
        Assert.Equal(NewsletterStatus.Sending, (await app.NewsletterAsync(id)).Status);
        Assert.Equal(1, await app.Sender().SendAllAsync());

        Assert.Equal([fine.ToAddress, busy.ToAddress, unknown.ToAddress], _sink.Messages.Select(m => m.Recipient()));
        var retried = (await app.DeliveriesAsync(id)).Single(d => d.Id == unknown.Id);
        Assert.Equal(DeliveryStatus.Sent, retried.Status);
        Assert.Equal(unknown.WireMessageId(), _sink.Messages[^1].MessageId);
        var newsletter = await app.NewsletterAsync(id);
        Assert.Equal(NewsletterStatus.Sent, newsletter.Status);
        Assert.NotNull(newsletter.FinishedAt);
        Assert.Equal(0, await app.DeskAsync(desk => desk.RetryFailedAsync(id, DeliveryTesting.Staff, default)));
    }

    [Fact]
    public async Task A_delivery_still_refused_after_the_last_attempt_fails_with_the_reason()
    {
        var app = await AppAsync(("Newsletters:MaxAttempts", "2"));
        await app.SignatoriesAsync(1, "busy");
        var id = await app.StartedAsync(_clock);
        var delivery = Assert.Single(await app.DeliveriesAsync(id));

        _sink.RefuseNextRecipients(1, "452 4.2.2 Mailbox full");
        await app.Sender().SendAllAsync();
        Assert.Equal(DeliveryStatus.Pending, Assert.Single(await app.DeliveriesAsync(id)).Status);
        await app.MakeDueAsync(delivery.Id);
        _sink.RefuseNextRecipients(1, "452 4.2.2 Mailbox full");
        await app.Sender().SendAllAsync();

        var stored = Assert.Single(await app.DeliveriesAsync(id));
        Assert.Equal((DeliveryStatus.Failed, 2), (stored.Status, stored.Attempts));
        Assert.StartsWith("Gave up after 2 attempts", stored.LastError);
        Assert.Contains("452", stored.LastError);
        Assert.Empty(_sink.Messages);
        Assert.Equal(NewsletterStatus.Sent, (await app.NewsletterAsync(id)).Status);
    }

    [Fact]
    public async Task A_paused_newsletter_is_not_claimed_and_resuming_sends_the_rest_once()
    {
        var app = await AppAsync(("Newsletters:BatchSize", "2"));
        await app.SignatoriesAsync(6, "paused");
        var id = await app.StartedAsync(_clock);
        Assert.Equal(2, (await app.Sender().SendBatchAsync()).Sent);

        Assert.True(await app.DeskAsync(desk => desk.PauseAsync(id, DeliveryTesting.Staff, default)));
        var whilePaused = await app.Sender().SendBatchAsync();

        Assert.Equal(0, whilePaused.Claimed);
        Assert.Equal(2, _sink.Messages.Count);
        Assert.Equal(NewsletterStatus.Paused, (await app.NewsletterAsync(id)).Status);
        Assert.Equal(4, (await app.DeliveriesAsync(id)).Count(d => d.Status == DeliveryStatus.Pending));

        Assert.True(await app.DeskAsync(desk => desk.ResumeAsync(id, DeliveryTesting.Staff, default)));
        Assert.Equal(NewsletterStatus.Sending, (await app.NewsletterAsync(id)).Status);
        Assert.Equal(4, await app.Sender().SendAllAsync());

        Assert.Equal(6, _sink.Messages.Select(m => m.Recipient()).Distinct().Count());
        Assert.Equal(6, _sink.Messages.Count);
        Assert.All(await app.DeliveriesAsync(id), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Equal(NewsletterStatus.Sent, (await app.NewsletterAsync(id)).Status);
        // Only a sending newsletter can be paused, and only a paused one resumed.
        Assert.False(await app.DeskAsync(desk => desk.PauseAsync(id, DeliveryTesting.Staff, default)));
        Assert.False(await app.DeskAsync(desk => desk.ResumeAsync(id, DeliveryTesting.Staff, default)));
    }
}
