using System.Text;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HeartsMinds.Community.Tests.Email;

/// <summary>The outbox, end to end: rows in PostgreSQL, a real SMTP conversation with <see cref="SmtpSink"/>.</summary>
[Collection(EmailAppCollection.Name)]
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = SmtpSink.Start();
    private readonly CommunityAppFactory _app;

    public OutboxDeliveryTests() => _app = new CommunityAppFactory().SendingTo(_sink).WithSetting("Mail:Outbox:MaxAttempts", "3");

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task An_invitation_arrives_with_its_text_html_calendar_and_attachment_and_is_marked_sent()
    {
        var queued = await _app.EnqueueAsync(EmailTesting.InvitationMessage());

        var report = await _app.Dispatcher().ProcessBatchAsync();

        Assert.Equal(1, report.Sent);
        var received = Assert.Single(_sink.Messages);
        Assert.Equal(["sam@example.org"], received.Recipients);
        Assert.Equal("community@heartsandminds.example", received.MailFrom);
        Assert.Equal($"<{queued[0].MessageId:D}@localhost>", received.MessageId);
        Assert.Equal("<https://heartsminds.test/unsubscribe/abc>", received.Header("List-Unsubscribe"));

        var mail = received.Parse();
        Assert.Equal("Invitation: Conversation Space – 10 March", mail.Subject);
        var to = Assert.Single(mail.To.Mailboxes);
        Assert.Equal(("Sam Ní Bhriain", "sam@example.org"), (to.Name, to.Address));
        var from = Assert.Single(mail.From.Mailboxes);
        Assert.Equal(("Hearts & Minds Partnership", "community@heartsandminds.example"), (from.Name, from.Address));
        // UTF-8 names and subjects travel encoded: every byte on the wire is 7-bit.
        Assert.DoesNotContain(received.Data, c => c > 127);

        var mixed = Assert.IsType<Multipart>(mail.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("Hello Sam,\nYou have a place at the Conversation Space.\n", ((TextPart)alternative[0]).Text.ReplaceLineEndings("\n"));
        Assert.Contains("<strong>Conversation Space</strong>", ((TextPart)alternative[1]).Text);

        var calendar = Assert.IsType<TextPart>(alternative[2]);
        Assert.Equal("REQUEST", calendar.ContentType.Parameters["method"]);
        Assert.Equal("utf-8", calendar.ContentType.Charset);
        // Byte for byte: CRLF line ends and folds survive the journey.
        Assert.Equal(Encoding.UTF8.GetBytes(EmailTesting.Invitation), calendar.Bytes());
        Assert.Contains("METHOD:REQUEST\r\n", calendar.ExactText());

        var attachment = Assert.IsType<MimePart>(mixed[1]);
        Assert.True(attachment.IsAttachment);
        Assert.Equal("application/ics", attachment.ContentType.MimeType);
        Assert.Equal("invite.ics", attachment.FileName);
        Assert.Equal(EmailTesting.Invitation, Encoding.UTF8.GetString(attachment.Bytes()));

        var stored = await _app.ReloadAsync(queued[0]);
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.NotNull(stored.SentAt);
        Assert.Equal(1, stored.Attempts);
        Assert.Null(stored.LockedBy);
        Assert.Null(stored.LastError);
    }

    [Fact]
    public async Task Connections_stay_open_between_batches_and_carry_the_next_ones()
    {
        var first = await _app.EnqueueAsync(Enumerable.Range(1, 10).Select(n => EmailTesting.Message(n)).ToArray());
        await _app.Dispatcher().ProcessBatchAsync();
        var openedForTheFirst = _sink.ConnectionCount;
        var second = await _app.EnqueueAsync(Enumerable.Range(11, 10).Select(n => EmailTesting.Message(n)).ToArray());
        await _app.Dispatcher().ProcessBatchAsync();

        Assert.Equal(first.Concat(second).Select(m => $"<{m.MessageId:D}@localhost>").Order(), _sink.Messages.Select(m => m.MessageId).Order());
        Assert.InRange(openedForTheFirst, 1, 4); // Mail:Smtp:Connections
        Assert.Equal(openedForTheFirst, _sink.ConnectionCount);
    }

    [Fact]
    public async Task While_the_SMTP_server_is_down_a_message_waits_and_is_delivered_once_when_it_is_back()
    {
        _sink.Stop();
        var queued = (await _app.EnqueueAsync(EmailTesting.Message()))[0];

        await _app.Dispatcher().ProcessBatchAsync();

        var waiting = await _app.ReloadAsync(queued);
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("refused", waiting.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.True(waiting.NextAttemptAt > DateTimeOffset.UtcNow.AddSeconds(20), $"next attempt at {waiting.NextAttemptAt:O}");
        Assert.Null(waiting.LockedBy);

        // Back up, but the retry is not due yet: nothing is sent early.
        _sink.Restart();
        Assert.Equal(0, (await _app.Dispatcher().ProcessBatchAsync()).Claimed);
        Assert.Empty(_sink.Messages);

        await _app.MakeDueAsync(queued);
        await _app.Dispatcher().ProcessBatchAsync();
        await _app.Dispatcher().ProcessBatchAsync();

        var received = Assert.Single(_sink.Messages);
        Assert.Equal($"<{queued.MessageId:D}@localhost>", received.MessageId);
        var sent = await _app.ReloadAsync(queued);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task When_the_server_cannot_be_reached_the_rest_of_the_batch_keeps_its_attempts()
    {
        _sink.Stop();
        var queued = await _app.EnqueueAsync(EmailTesting.Message(1), EmailTesting.Message(2), EmailTesting.Message(3));

        var report = await _app.Dispatcher().ProcessBatchAsync();

        Assert.Equal((3, 1, 2), (report.Claimed, report.Retrying, report.Released));
        var attempts = new List<int>();
        foreach (var message in queued) attempts.Add((await _app.ReloadAsync(message)).Attempts);
        Assert.Equal([1, 0, 0], attempts);
    }

    [Fact]
    public async Task A_permanent_550_marks_the_message_failed_and_it_is_not_tried_again()
    {
        _sink.RefuseNextRecipients(1, "550 5.1.1 No such mailbox here");
        var queued = (await _app.EnqueueAsync(EmailTesting.Message()))[0];

        await _app.Dispatcher().ProcessBatchAsync();
        await _app.MakeDueAsync(queued);
        await _app.Dispatcher().ProcessBatchAsync();

        var failed = await _app.ReloadAsync(queued);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("550", failed.LastError);
        Assert.Empty(_sink.Messages);
    }

    [Fact]
    public async Task A_greylisting_451_is_retried_later_and_then_delivered()
    {
        _sink.RefuseNextRecipients(1, "451 4.7.1 Greylisted, try again later");
        var queued = (await _app.EnqueueAsync(EmailTesting.Message()))[0];

        await _app.Dispatcher().ProcessBatchAsync();
        var waiting = await _app.ReloadAsync(queued);
        await _app.MakeDueAsync(queued);
        await _app.Dispatcher().ProcessBatchAsync();

        Assert.Equal((OutboxStatus.Pending, 1), (waiting.Status, waiting.Attempts));
        Assert.Contains("451", waiting.LastError);
        Assert.Single(_sink.Messages);
        Assert.Equal(OutboxStatus.Sent, (await _app.ReloadAsync(queued)).Status);
    }

    [Fact]
    public async Task After_a_refused_recipient_the_same_connection_carries_the_rest_of_the_batch()
    {
        _sink.RefuseNextRecipients(1, "550 5.1.1 No such mailbox here");
        var queued = await _app.EnqueueAsync(EmailTesting.Message(1), EmailTesting.Message(2));

        var report = await _app.Dispatcher().ProcessBatchAsync();

        Assert.Equal((1, 1), (report.Failed, report.Sent));
        Assert.Equal($"<{queued[1].MessageId:D}@localhost>", Assert.Single(_sink.Messages).MessageId);
        Assert.Equal(1, _sink.ConnectionCount);
    }

    [Fact]
    public async Task A_busy_mailbox_450_is_retried_later_without_holding_up_the_rest()
    {
        _sink.RefuseNextRecipients(1, "450 4.2.1 Mailbox busy, try again later");
        var queued = await _app.EnqueueAsync(EmailTesting.Message(1), EmailTesting.Message(2), EmailTesting.Message(3));

        var report = await _app.Dispatcher().ProcessBatchAsync();

        Assert.Equal((3, 2, 1, 0), (report.Claimed, report.Sent, report.Retrying, report.Released));
        var busy = await _app.ReloadAsync(queued[0]);
        Assert.Equal(OutboxStatus.Pending, busy.Status);
        Assert.Contains("450", busy.LastError);
    }

    [Fact]
    public async Task A_server_closing_with_421_pauses_the_rest_of_the_batch()
    {
        _sink.RefuseNextRecipients(1, "421 4.3.2 Service shutting down");
        var queued = await _app.EnqueueAsync(EmailTesting.Message(1), EmailTesting.Message(2), EmailTesting.Message(3));

        var report = await _app.Dispatcher().ProcessBatchAsync();

        Assert.Equal((3, 0, 1, 2), (report.Claimed, report.Sent, report.Retrying, report.Released));
        Assert.Contains("421", (await _app.ReloadAsync(queued[0])).LastError);
        Assert.Empty(_sink.Messages);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_marked_failed_after_the_maximum_attempts()
    {
        _sink.Stop();
        var queued = (await _app.EnqueueAsync(EmailTesting.Message()))[0];

        for (var i = 0; i < 5; i++)
        {
            await _app.Dispatcher().ProcessBatchAsync();
            await _app.MakeDueAsync(queued);
        }

        var failed = await _app.ReloadAsync(queued);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(3, failed.Attempts); // Mail:Outbox:MaxAttempts
        Assert.StartsWith("Gave up after 3 attempts", failed.LastError);
    }

    [Fact]
    public async Task A_calendar_whose_METHOD_disagrees_with_CalendarMethod_is_refused_not_sent()
    {
        var invitation = EmailTesting.InvitationMessage();
        invitation.CalendarMethod = "CANCEL";
        var queued = (await _app.EnqueueAsync(invitation))[0];

        await _app.Dispatcher().ProcessBatchAsync();

        var failed = await _app.ReloadAsync(queued);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Contains("METHOD:REQUEST", failed.LastError);
        Assert.Empty(_sink.Messages);
    }

    [Fact]
    public async Task A_line_break_in_a_name_or_header_cannot_add_recipients_or_headers()
    {
        var message = EmailTesting.Message();
        message.ToName = "Pat\r\nBcc: someone-else@example.org";
        message.Headers["X-Campaign"] = "spring\r\nBcc: someone-else@example.org";
        await _app.EnqueueAsync(message);

        await _app.Dispatcher().ProcessBatchAsync();

        var received = Assert.Single(_sink.Messages);
        Assert.Equal(["person1@example.org"], received.Recipients);
        Assert.Null(received.Header("Bcc"));
        var mail = received.Parse();
        Assert.Empty(mail.Bcc);
        var to = Assert.Single(mail.To.Mailboxes);
        Assert.Equal(("Pat\r\nBcc: someone-else@example.org", "person1@example.org"), (to.Name, to.Address));
        Assert.Equal("spring Bcc: someone-else@example.org", mail.Headers["X-Campaign"]);
    }

    [Fact]
    public async Task A_message_leased_by_a_dispatcher_that_died_is_left_alone_until_the_lease_runs_out()
    {
        var queued = (await _app.EnqueueAsync(EmailTesting.Message()))[0];
        await _app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE outbox_messages SET locked_by = 'a-dead-instance', locked_until = now() + interval '1 hour', attempts = 1 WHERE id = {queued.Id}"));

        var whileLeased = await _app.Dispatcher().ProcessBatchAsync();
        await _app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE outbox_messages SET locked_until = now() - interval '1 second' WHERE id = {queued.Id}"));
        var afterLease = await _app.Dispatcher().ProcessBatchAsync();

        Assert.Equal(0, whileLeased.Claimed);
        Assert.Equal(1, afterLease.Sent);
        Assert.Single(_sink.Messages);
        var sent = await _app.ReloadAsync(queued);
        Assert.Equal((OutboxStatus.Sent, 2), (sent.Status, sent.Attempts));
    }
}

/// <summary>The background loop, not a test driving batches, delivers what a feature enqueues.</summary>
[Collection(EmailAppCollection.Name)]
public sealed class OutboxBackgroundTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = SmtpSink.Start();
    private readonly CommunityAppFactory _app;

    // A poll interval far longer than the test: only the wake-up can explain a prompt delivery.
    public OutboxBackgroundTests() => _app = new CommunityAppFactory().SendingTo(_sink, backgroundLoop: true)
        .WithSetting("Mail:Outbox:PollInterval", "00:10:00");

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task The_running_dispatcher_sends_a_message_as_soon_as_it_is_woken()
    {
        _ = _app.Services; // starts the app and its dispatcher, which finds nothing and goes to sleep
        await Task.Delay(500);
        var queued = (await _app.EnqueueAsync(EmailTesting.Message()))[0];

        _app.Services.GetRequiredService<OutboxSignal>().Wake();

        var received = Assert.Single(await _sink.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal($"<{queued.MessageId:D}@localhost>", received.MessageId);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await _app.ReloadAsync(queued)).Status != OutboxStatus.Sent && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(OutboxStatus.Sent, (await _app.ReloadAsync(queued)).Status);
    }
}
