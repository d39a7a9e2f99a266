using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Tests.Infrastructure;

namespace HeartsMinds.Community.Tests.Email;

/// <summary>Mail:Smtp:Security StartTls means TLS or nothing: never a fallback to plain text.</summary>
[Collection(EmailAppCollection.Name)]
public sealed class SmtpSecurityTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = SmtpSink.Start();
    private readonly CommunityAppFactory _app;

    // The default, STARTTLS, against a server that does not offer it (the sink speaks no TLS).
    public SmtpSecurityTests() => _app = new CommunityAppFactory().SendingTo(_sink).WithSetting("Mail:Smtp:Security", "StartTls");

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task With_STARTTLS_required_a_server_that_does_not_offer_it_gets_nothing_in_plain_text()
    {
        var queued = (await _app.EnqueueAsync(EmailTesting.Message()))[0];

        var report = await _app.Dispatcher().ProcessBatchAsync();

        Assert.Equal(1, report.Retrying);
        Assert.Empty(_sink.Messages);
        var waiting = await _app.ReloadAsync(queued);
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Contains("STARTTLS", waiting.LastError, StringComparison.OrdinalIgnoreCase);
    }
}
