using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Tests.Email;
using HeartsMinds.Community.Tests.Infrastructure;
using MimeKit;
using static HeartsMinds.Community.Tests.Calendar.CalendarText;

namespace HeartsMinds.Community.Tests.Calendar;

/// <summary>An invitation as it leaves over SMTP: the MIME structure calendar apps look for, and a calendar part every parser accepts.</summary>
[Collection(EmailAppCollection.Name)]
public sealed class InvitationDeliveryTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = SmtpSink.Start();
    private readonly CommunityAppFactory _app;

    public InvitationDeliveryTests() => _app = new CommunityAppFactory().SendingTo(_sink);

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task A_registration_sends_a_multipart_alternative_invitation_with_the_ics_attached_beside_the_check_in_code_which_the_HTML_also_shows_inline()
    {
        // 10:30 UK time on the first Saturday of November next year, after the clocks go back: 10:30 UTC.
        var startsAt = EventTime.ToInstant(MonthlyPattern.DateIn(DateTime.UtcNow.Year + 1, 11, 1, DayOfWeek.Saturday), new TimeOnly(10, 30), EventTime.UkZoneId);
        var ev = await _app.CreateAsync(startsAt: startsAt);
        await _app.RegisterAsync(TestEvents.Request(ev.Id, "Acacia, Family Support", "priya@acacia.example"));

        await _app.NoticesWrittenAsync();
        await _app.Dispatcher().ProcessBatchAsync();

        var mail = Assert.Single(_sink.Messages, m => m.Recipients.SequenceEqual(["priya@acacia.example"])).Parse();
        var mixed = Assert.IsType<Multipart>(mail.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        // The HTML travels with the QR code it shows (multipart/related); the calendar stays a direct alternative.
        Assert.Equal(["text/plain", "multipart/related", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        var related = Assert.IsType<MultipartRelated>(alternative[1]);
        Assert.Equal(["text/html", "image/png"], related.Select(p => p.ContentType.MimeType));
        Assert.Contains($"src=\"cid:{related[1].ContentId}\"", Assert.IsType<TextPart>(related.Root).Text);
        Assert.Contains("Your calendar invitation is attached", ((TextPart)alternative[0]).Text);
        var calendar = Assert.IsType<TextPart>(alternative[2]);
        Assert.Equal("REQUEST", calendar.ContentType.Parameters["method"]);
        Assert.Equal("METHOD:REQUEST", One(calendar.ExactText(), "METHOD"));
        var read = OnlyEvent(AcceptedByAllParsers(calendar.ExactText()));
        Assert.Equal(Utc(startsAt), read.GetProperty("start").GetString());
        Assert.Equal(10, startsAt.UtcDateTime.Hour);
        Assert.Equal("Community day in Birmingham", read.GetProperty("summary").GetString());

        var attachments = mixed.Skip(1).Cast<MimePart>().ToDictionary(a => a.FileName!);
        Assert.Equal("image/png", attachments["check-in-code.png"].ContentType.MimeType);
        Assert.Equal("application/ics", attachments["invite.ics"].ContentType.MimeType);
        Assert.Equal(calendar.Bytes(), attachments["invite.ics"].Bytes());
        Assert.Equal(((MimePart)related[1]).Bytes(), attachments["check-in-code.png"].Bytes());
    }
}
