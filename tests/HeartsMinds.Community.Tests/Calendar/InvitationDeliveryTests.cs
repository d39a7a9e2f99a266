using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Tests.Email;
using HeartsMinds.Community.Tests.Infrastructure;
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
    public async Task A_registration_sends_a_multipart_alternative_invitation_with_the_ics_attached_beside_the_check_in_code()
    {
        // 10:30 UK time on the first Saturday of November next year, after the clocks go back: 10:30 UTC.
        var startsAt = EventTime.ToInstant(MonthlyPattern.DateIn(DateTime.UtcNow.Year + 1, 11, 1, DayOfWeek.Saturday), new TimeOnly(10, 30), EventTime.UkZoneId);
        var ev = await _app.CreateAsync(startsAt: startsAt);
        await _app.RegisterAsync(TestEvents.Request(ev.Id, "Acacia, Family Support", "priya@acacia.example"));

        await _app.Dispatcher().ProcessBatchAsync();

        var mail = Assert.Single(_sink.Messages, m => m.Recipients.SequenceEqual(["priya@acacia.example"])).Parse();
        Assert.Equal("multipart/mixed", mail.ContentType.MediaType);
        var alternative = mail.Children[0];
        Assert.Equal("multipart/alternative", alternative.ContentType.MediaType);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Children.Select(p => p.ContentType.MediaType));
        Assert.Contains("Your calendar invitation is attached", alternative.Children[0].Text);
        var calendar = alternative.Children[2];
        Assert.Equal("REQUEST", calendar.ContentType.Parameter("method"));
        Assert.Equal("METHOD:REQUEST", One(calendar.Text, "METHOD"));
        var read = OnlyEvent(AcceptedByAllParsers(calendar.Text));
        Assert.Equal(Utc(startsAt), read.GetProperty("start").GetString());
        Assert.Equal(10, startsAt.UtcDateTime.Hour);
        Assert.Equal("Community day in Birmingham", read.GetProperty("summary").GetString());

        var attachments = mail.Children.Skip(1).ToDictionary(a => a.FileName!);
        Assert.Equal("image/png", attachments["check-in-code.png"].ContentType.MediaType);
        Assert.Equal("application/ics", attachments["invite.ics"].ContentType.MediaType);
        Assert.Equal(calendar.Text, System.Text.Encoding.UTF8.GetString(attachments["invite.ics"].Body));
    }
}
