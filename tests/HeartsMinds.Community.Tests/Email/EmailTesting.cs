using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HeartsMinds.Community.Tests.Email;

/// <summary>Shared set-up for the email tests: an app that sends to an <see cref="SmtpSink"/>, and outbox helpers.</summary>
internal static class EmailTesting
{
    public const string Invitation = "BEGIN:VCALENDAR\r\nPRODID:-//Hearts and Minds//Community//EN\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n" +
        "BEGIN:VEVENT\r\nUID:session-42@heartsminds.test\r\nDTSTAMP:20260301T090000Z\r\nDTSTART:20260310T123000Z\r\n" +
        "DTEND:20260310T140000Z\r\nSUMMARY:Conversation Space\r\nORGANIZER:mailto:community@heartsandminds.example\r\n" +
        "ATTENDEE;RSVP=TRUE;PARTSTAT=NEEDS-ACTION:mailto:sam@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    /// <summary>An app whose mail goes to <paramref name="sink"/>, with the background loop off so tests drive batches.</summary>
    public static CommunityAppFactory SendingTo(this CommunityAppFactory app, SmtpSink sink, bool backgroundLoop = false) => app
        .WithSetting("Mail:Smtp:Host", sink.Host)
        .WithSetting("Mail:Smtp:Port", sink.Port.ToString())
        .WithSetting("Mail:Smtp:Security", "None")
        .WithSetting("Mail:Smtp:Timeout", "00:00:05")
        .WithSetting("Mail:Outbox:Enabled", backgroundLoop ? "true" : "false");

    public static OutboxDispatcher Dispatcher(this CommunityAppFactory app) => app.Services.GetRequiredService<OutboxDispatcher>();

    public static OutboxMessage Message(int n = 1, string purpose = "test") => new()
    {
        ToAddress = $"person{n}@example.org",
        ToName = $"Person {n}",
        Subject = $"Message {n}",
        TextBody = $"Hello {n}",
        Purpose = purpose,
    };

    public static OutboxMessage InvitationMessage() => new()
    {
        ToAddress = "sam@example.org",
        ToName = "Sam Ní Bhriain",
        Subject = "Invitation: Conversation Space – 10 March",
        TextBody = "Hello Sam,\nYou have a place at the Conversation Space.\n",
        HtmlBody = "<p>Hello Sam,</p><p>You have a place at the <strong>Conversation Space</strong>.</p>",
        CalendarMethod = "REQUEST",
        CalendarContent = Invitation,
        Attachments = [new OutboxAttachment("invite.ics", "application/ics", System.Text.Encoding.UTF8.GetBytes(Invitation))],
        Headers = { ["List-Unsubscribe"] = "<https://heartsminds.test/unsubscribe/abc>" },
        Purpose = "event-invitation",
    };

    public static Task<List<OutboxMessage>> EnqueueAsync(this CommunityAppFactory app, params OutboxMessage[] messages) =>
        app.WithDbAsync(async db =>
        {
            db.OutboxMessages.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.ToList();
        });

    public static Task<OutboxMessage> ReloadAsync(this CommunityAppFactory app, OutboxMessage message) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));

    /// <summary>Lets time pass for a message waiting to be retried: it is due now.</summary>
    public static Task MakeDueAsync(this CommunityAppFactory app, OutboxMessage message) =>
        app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET next_attempt_at = now() WHERE id = {message.Id}"));

    /// <summary>The message as a mail client would read it, parsed by MimeKit.</summary>
    public static MimeMessage Parse(this SmtpSink.ReceivedMessage received) =>
        MimeMessage.Load(new MemoryStream(System.Text.Encoding.Latin1.GetBytes(received.Data)));

    /// <summary>A part's text exactly as sent (MimeKit's TextPart.Text turns CRLF into LF; a calendar must keep CRLF).</summary>
    public static string ExactText(this MimePart part) => System.Text.Encoding.UTF8.GetString(part.Bytes());

    /// <summary>The decoded bytes of a part, as a mail client would save the attachment.</summary>
    public static byte[] Bytes(this MimePart part)
    {
        using var bytes = new MemoryStream();
        part.Content?.DecodeTo(bytes);
        return bytes.ToArray();
    }
}

/// <summary>The app as `dotnet run` starts it on a developer's machine: the Development environment.</summary>
internal sealed class DevelopmentAppFactory : CommunityAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

/// <summary>
/// The email tests start and stop many app instances. Quartz keeps one scheduler per name per process (a static
/// repository), shared by every instance, so an instance stopping while another starts breaks the other's start-up
/// ("The Scheduler cannot be restarted after Shutdown()"). These tests therefore run on their own, one at a time,
/// after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EmailAppCollection
{
    public const string Name = "Email tests with their own app instances";
}
