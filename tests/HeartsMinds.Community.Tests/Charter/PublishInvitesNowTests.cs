using System.Diagnostics;
using System.Net;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Charter;

/// <summary>With the scheduler running: publishing starts the invitations job at once, not at its next minute.</summary>
public sealed class PublishInvitesNowTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Publishing_an_event_sends_the_invitations_within_seconds()
    {
        var client = await app.SignedInAdminAsync();
        var signatory = await app.SignatoryAsync("Juniper", "hello@juniper.example");
        var draft = await app.CreateAsync(status: EventStatus.Draft);

        var published = await client.SubmitToAsync($"/manage/events/{draft.Id}", $"/manage/events/{draft.Id}?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var clock = Stopwatch.StartNew();
        while (!await app.WithDbAsync(db => db.CharterInvitations.AnyAsync(i => i.SignatoryId == signatory.Id && i.EventId == draft.Id)))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "no invitation 15 seconds after publishing");
            await Task.Delay(200);
        }
    }
}
