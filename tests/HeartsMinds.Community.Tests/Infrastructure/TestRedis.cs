namespace HeartsMinds.Community.Tests.Infrastructure;

/// <summary>
/// Real Redis for the tests of the SignalR backplane: COMMUNITY_TEST_REDIS (host:port), defaulting to the local one
/// that ./test.sh starts. Each test takes its own channel prefix, so tests running side by side on one Redis (and
/// other test runs on the same machine) never hear each other's messages.
/// </summary>
public static class TestRedis
{
    public static readonly string Server = Environment.GetEnvironmentVariable("COMMUNITY_TEST_REDIS") is { Length: > 0 } configured
        ? configured
        : "127.0.0.1:6379";

    public static string NewChannelPrefix() => $"hm-test-{Guid.NewGuid():N}";

    /// <summary>Points an app instance at the test Redis, on the channels of <paramref name="channelPrefix"/>.</summary>
    public static CommunityAppFactory WithRedis(this CommunityAppFactory factory, string channelPrefix) =>
        factory.WithSetting("ConnectionStrings:Redis", Server)
            .WithSetting("Realtime:RedisChannelPrefix", channelPrefix);
}
