using System.Net;
using HeartsMinds.Community.Tests.Infrastructure;

namespace HeartsMinds.Community.Tests.Email;

/// <summary>In Development, mail goes to a pickup directory and /dev/mailbox shows it.</summary>
[Collection(EmailAppCollection.Name)]
public sealed class DevMailboxTests : IAsyncLifetime
{
    private readonly string _pickup = Path.Combine(Path.GetTempPath(), "hm-mailbox-" + Guid.NewGuid().ToString("N"));
    private readonly CommunityAppFactory _app;

    public DevMailboxTests() => _app = new DevelopmentAppFactory()
        .WithSetting("Mail:PickupDirectory", _pickup)
        .WithSetting("Mail:Outbox:Enabled", "false");

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        if (Directory.Exists(_pickup)) Directory.Delete(_pickup, recursive: true);
    }

    /// <summary>Sends the invitation to the pickup directory: one whole file named by its Message-ID, nothing else.</summary>
    private async Task<string> SendInvitationAsync()
    {
        var queued = await _app.EnqueueAsync(EmailTesting.InvitationMessage());
        Assert.Equal(1, (await _app.Dispatcher().ProcessBatchAsync()).Sent);
        var file = Path.GetFileName(Assert.Single(Directory.GetFiles(_pickup)));
        Assert.Equal($"{queued[0].MessageId:D}.eml", file);
        return file;
    }

    [Fact]
    public async Task The_mailbox_lists_an_email_written_to_the_pickup_directory_and_shows_its_parts()
    {
        var file = await SendInvitationAsync();
        var client = _app.CreateClient();

        var list = await client.GetStringAsync("/dev/mailbox");
        Assert.Contains("Invitation: Conversation Space – 10 March", WebUtility.HtmlDecode(list));
        Assert.Contains($"href=\"/dev/mailbox/{file}\"", list);
        Assert.Contains("Sam Ní Bhriain <sam@example.org>", WebUtility.HtmlDecode(list));

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/dev/mailbox/{file}"));
        Assert.Contains("<h1>Invitation: Conversation Space – 10 March</h1>", page);
        Assert.Contains("Hearts & Minds Partnership <community@heartsandminds.example>", page);
        Assert.Contains("You have a place at the Conversation Space.", page);
        Assert.Contains("&lt;strong&gt;Conversation Space&lt;/strong&gt;", await client.GetStringAsync($"/dev/mailbox/{file}")); // the HTML source, shown as text
        Assert.Contains("<https://heartsminds.test/unsubscribe/abc>", page); // an extra header
        Assert.Contains($"src=\"/dev/mailbox/{file}/html\"", page);
        Assert.Contains("text/calendar; method=REQUEST", page);
        Assert.Contains("invite.ics", page);
    }

    [Fact]
    public async Task The_HTML_version_is_served_in_a_sandbox_and_parts_are_downloads()
    {
        var file = await SendInvitationAsync();
        var client = _app.CreateClient();

        var html = await client.GetAsync($"/dev/mailbox/{file}/html");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Contains("<strong>Conversation Space</strong>", await html.Content.ReadAsStringAsync());
        var csp = Assert.Single(html.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("sandbox;", csp);
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("script-src", csp);

        var page = await client.GetStringAsync($"/dev/mailbox/{file}");
        var attachmentLink = System.Text.RegularExpressions.Regex.Match(page, $"href=\"(/dev/mailbox/{file}/parts/\\d+)\" download>invite.ics<").Groups[1].Value;
        var download = await client.GetAsync(attachmentLink);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/ics", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(EmailTesting.Invitation, await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_inline_image_shows_in_the_sandboxed_HTML_as_a_data_URL_and_is_listed_as_inline()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 1, 2, 3];
        var message = EmailTesting.Message(7);
        message.HtmlBody = "<p>Your code:</p><img src=\"cid:code.1@heartsminds.email\" alt=\"code\"><img src=\"cid:missing@x\" alt=\"gone\">";
        message.Attachments = [new("code.png", "image/png", png, "code.1@heartsminds.email")];
        await _app.EnqueueAsync(message);
        Assert.Equal(1, (await _app.Dispatcher().ProcessBatchAsync()).Sent);
        var file = Path.GetFileName(Assert.Single(Directory.GetFiles(_pickup)));
        var client = _app.CreateClient();

        var html = await client.GetStringAsync($"/dev/mailbox/{file}/html");
        Assert.Contains($"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" alt=\"code\">", html);
        Assert.Contains("src=\"cid:missing@x\"", html); // a reference to nothing in the message stays as it is

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/dev/mailbox/{file}"));
        Assert.Contains("inline image shown in the HTML (cid:code.1@heartsminds.email)", page);
    }

    [Theory]
    [InlineData("/dev/mailbox/..%2f..%2fetc%2fpasswd")]
    [InlineData("/dev/mailbox/..%2f..%2fetc%2fpasswd/html")]
    [InlineData("/dev/mailbox/%2e%2e/html")]
    [InlineData("/dev/mailbox/appsettings.json")]
    [InlineData("/dev/mailbox/no-such-message.eml")]
    [InlineData("/dev/mailbox/no-such-message.eml/parts/0")]
    public async Task A_name_that_is_not_in_the_mailbox_gets_404(string path)
    {
        await SendInvitationAsync();

        var response = await _app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_part_number_beyond_the_message_gets_404()
    {
        var file = await SendInvitationAsync();

        var response = await _app.CreateClient().GetAsync($"/dev/mailbox/{file}/parts/99");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>Outside Development the mailbox does not exist, even when a pickup directory is configured.</summary>
[Collection(EmailAppCollection.Name)]
public sealed class DevMailboxOutsideDevelopmentTests : IAsyncLifetime
{
    private readonly string _pickup = Path.Combine(Path.GetTempPath(), "hm-mailbox-" + Guid.NewGuid().ToString("N"));
    private readonly CommunityAppFactory _app;

    public DevMailboxOutsideDevelopmentTests() => _app = new CommunityAppFactory()
        .WithSetting("Mail:PickupDirectory", _pickup)
        .WithSetting("Mail:Outbox:Enabled", "false");

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        if (Directory.Exists(_pickup)) Directory.Delete(_pickup, recursive: true);
    }

    [Fact]
    public async Task Every_mailbox_address_answers_404()
    {
        await _app.EnqueueAsync(EmailTesting.InvitationMessage());
        Assert.Equal(1, (await _app.Dispatcher().ProcessBatchAsync()).Sent);
        var file = Path.GetFileName(Assert.Single(Directory.GetFiles(_pickup, "*.eml")));
        var client = _app.CreateClient();

        foreach (var path in new[] { "/dev/mailbox", $"/dev/mailbox/{file}", $"/dev/mailbox/{file}/html", $"/dev/mailbox/{file}/parts/0", "/dev/mailbox/..%2f..%2fetc%2fpasswd" })
            { var r = await client.GetAsync(path); Assert.True(r.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}"); }
    }
}
