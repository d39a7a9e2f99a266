using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Features.Charter.Invitations;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Charter;

/// <summary>
/// Event invitations to signatories. The scheduler is off, so each test runs the invitations itself, when it says;
/// the outbox is off, so the emails stay to be read.
/// </summary>
public sealed class CharterInvitationTests : IAsyncLifetime
{
    private readonly CommunityAppFactory _app = new CommunityAppFactory()
        .WithSetting("Scheduling:Enabled", "false").WithSetting("Mail:Outbox:Enabled", "false");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Publishing_an_event_invites_each_confirmed_signatory_who_wants_invitations_once()
    {
        var client = await _app.SignedInAdminAsync();
        var keen = await _app.SignatoryAsync("Acacia Perinatal", "keen@acacia.example", contact: "Ada Contact");
        var alsoKeen = await _app.SignatoryAsync("Bluebell Mums", "keen@bluebell.example", EnglishRegion.London);
        await _app.SignatoryAsync("Cedar", "pending@cedar.example", status: SignatoryStatus.Pending);
        await _app.SignatoryAsync("Dunlin", "withdrawn@dunlin.example", status: SignatoryStatus.Withdrawn);
        await _app.SignatoryAsync("Elm", "no-thanks@elm.example", wantsInvitations: false);
        var draft = await _app.CreateAsync(status: EventStatus.Draft, change: e => e.Title = "Community day in Leeds");
        await _app.CreateAsync(status: EventStatus.Draft, change: e => e.Title = "Still a draft");

        Assert.Equal(0, await SendAsync(_app));
        var published = await client.SubmitToAsync($"/manage/events/{draft.Id}", $"/manage/events/{draft.Id}?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        // Signed after the event was published: it's on the events page for them; no email about it.
        await _app.SignatoryAsync("Fir Newcomer", "new@fir.example", confirmedAt: DateTimeOffset.UtcNow.AddSeconds(1));

        Assert.Equal(2, await SendAsync(_app));
        Assert.Equal(0, await SendAsync(_app));

        var invitations = await InvitationEmailsAsync(_app);
        Assert.Equal(["keen@acacia.example", "keen@bluebell.example"], invitations.Select(m => m.ToAddress).Order());
        var email = invitations.Single(m => m.ToAddress == "keen@acacia.example");
        Assert.StartsWith("You're invited: Community day in Leeds, ", email.Subject);
        Assert.Contains("Hello Ada Contact,", email.TextBody);
        Assert.Contains($"Register:\nhttps://localhost/events/{draft.Id}/register", email.TextBody);
        Assert.Contains("You're getting this because Acacia Perinatal signed the Hearts and Minds Charter and asked for event invitations.", email.TextBody);
        Assert.Contains($"href=\"https://localhost/events/{draft.Id}/register\"", email.HtmlBody);
        Assert.Equal([(keen.Id, draft.Id), (alsoKeen.Id, draft.Id)],
            (await _app.WithDbAsync(db => db.CharterInvitations.OrderBy(i => i.SignatoryId).Select(i => new { i.SignatoryId, i.EventId }).ToListAsync()))
            .Select(i => (i.SignatoryId, i.EventId)));

        // Staff see how many were invited, on the event's page and on the signatory's.
        var overview = await (await client.GetAsync($"/manage/events/{draft.Id}")).TextAsync();
        Assert.Matches("2</span>\\s*Charter signatories invited by email", overview);
        Assert.Contains("Community day in Leeds", await (await client.GetAsync($"/manage/charter/{keen.Id}")).TextAsync());
    }

    [Fact]
    public async Task Sessions_that_open_together_come_in_one_email_with_a_register_button_each()
    {
        var client = await _app.SignedInAdminAsync();
        await _app.SignatoryAsync("Gorse", "hello@gorse.example");

        var seriesId = await client.CreateSeriesAsync(monthsAhead: 3);
        var sessions = (await _app.SessionsAsync(seriesId)).Where(s => s.Status == EventStatus.Published && s.StartsAt > DateTimeOffset.UtcNow).ToList();
        Assert.True(sessions.Count >= 2, "the series has made its sessions");

        Assert.Equal(1, await SendAsync(_app));
        var email = Assert.Single(await InvitationEmailsAsync(_app));
        Assert.Equal($"You're invited: {sessions.Count} Hearts and Minds sessions and events", email.Subject);
        foreach (var session in sessions) Assert.Contains($"https://localhost/events/{session.Id}/register", email.TextBody);
        Assert.DoesNotContain("zoom.example", email.TextBody); // the joining link is only for people with a place
        Assert.Equal(0, await SendAsync(_app));
    }

    [Fact]
    public async Task Two_instances_sending_at_once_still_invite_each_signatory_to_each_event_once()
    {
        await using var second = CommunityAppFactory.ForDatabase(_app.ConnectionString)
            .WithSetting("Scheduling:Enabled", "false").WithSetting("Mail:Outbox:Enabled", "false");
        var signatories = new List<Signatory>();
        for (var i = 0; i < 25; i++) signatories.Add(await _app.SignatoryAsync($"Org {i}", $"contact{i}@org{i}.example"));
        var events = new[]
        {
            await _app.CreateAsync(change: e => e.Title = "Community day in Bristol"),
            await _app.CreateAsync(startsAt: DateTimeOffset.UtcNow.AddDays(40), change: e => e.Title = "Community day in York"),
        };
        // Published "now", after everyone confirmed; both instances start at the same moment, three times each.
        for (var round = 0; round < 3; round++)
            await Task.WhenAll(Task.Run(() => SendAsync(_app)), Task.Run(() => SendAsync(second)));

        var emails = await InvitationEmailsAsync(_app);
        foreach (var signatory in signatories)
        foreach (var ev in events)
        {
            var offers = emails.Where(m => m.ToAddress == signatory.Email)
                .Sum(m => Regex.Matches(m.TextBody, $"https://localhost/events/{ev.Id}/register\\n").Count);
            Assert.True(offers == 1, $"{signatory.Email} was offered {ev.Title} {offers} times");
        }
        Assert.Equal(signatories.Count * events.Length, await _app.WithDbAsync(db => db.CharterInvitations.CountAsync()));
    }

    private static async Task<int> SendAsync(CommunityAppFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CharterInvitationSender>().SendDueAsync();
    }

    private static Task<List<OutboxMessage>> InvitationEmailsAsync(CommunityAppFactory app) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Purpose == CharterInvitationEmail.Purpose).OrderBy(m => m.Id).ToListAsync());
}
