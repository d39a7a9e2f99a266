using HeartsMinds.Community.Tests.Infrastructure;
using HeartsMinds.Community.Tests.Registrations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Web;

/// <summary>
/// Several instances (issue 14): with <c>ConnectionStrings:Redis</c> the output cache lives in Redis, so a change made
/// through one instance evicts the page another instance serves. Without Redis each instance has its own cache.
/// </summary>
public sealed class PublicPageCacheRedisTests(CommunityAppFactory database) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task With_redis_a_registration_on_one_instance_evicts_the_page_the_other_serves()
    {
        var prefix = TestRedis.NewChannelPrefix();
        // The second sweep is for races between instances; off here, so what is asserted is the first eviction.
        await using var first = CommunityAppFactory.ForDatabase(database.ConnectionString).WithRedis(prefix).WithSetting("PublicPages:SecondSweepAfter", "00:00:00");
        await using var second = CommunityAppFactory.ForDatabase(database.ConnectionString).WithRedis(prefix).WithSetting("PublicPages:SecondSweepAfter", "00:00:00");
        Assert.Contains("Redis", second.Services.GetRequiredService<IOutputCacheStore>().GetType().Name);
        var ev = await first.CreateAsync(capacity: 7, change: e => e.Title = "Two instances day");
        var visitor = second.CreateBrowserLikeClient();
        var page = $"/events/{ev.Id}";

        await visitor.GetAsync(page);
        var fromFirst = await first.CreateBrowserLikeClient().GetAsync(page);
        Assert.True(fromFirst.Headers.Contains("Age"), "the other instance serves the copy the first stored: one shared cache");
        Assert.Contains("7 places left", await fromFirst.TextAsync());

        await first.RegisterAsync(TestEvents.Request(ev.Id, "Redis Org", "rita@redis.example"));
        var after = await visitor.GetAsync(page);

        Assert.False(after.Headers.Contains("Age"), "the change on the first instance evicted the second's cached page");
        Assert.Contains("6 places left", await after.TextAsync());
    }

    [Fact]
    public async Task Without_redis_each_instance_keeps_its_own_cache()
    {
        // Proves the test above can fail: the in-memory store of one instance hears nothing of the other's changes.
        await using var first = CommunityAppFactory.ForDatabase(database.ConnectionString);
        await using var second = CommunityAppFactory.ForDatabase(database.ConnectionString);
        var ev = await first.CreateAsync(capacity: 7, change: e => e.Title = "Memory only day");
        var visitor = second.CreateBrowserLikeClient();
        var page = $"/events/{ev.Id}";
        await visitor.GetAsync(page);

        await first.RegisterAsync(TestEvents.Request(ev.Id, "Memory Org", "mo@memory.example"));
        var after = await visitor.GetAsync(page);

        Assert.True(after.Headers.Contains("Age"));
        Assert.Contains("7 places left", await after.TextAsync());
    }
}
