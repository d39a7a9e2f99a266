using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace HeartsMinds.Community.Platform.Realtime;

/// <summary>
/// SignalR for every hub of the app (the live board's), with the Redis backplane when <c>ConnectionStrings:Redis</c>
/// is set, so that several instances can serve one board. Without it one instance works alone, as before: Redis is
/// for scale, not a requirement. Clients connect over WebSockets only, so no sticky sessions are needed either way.
/// </summary>
public static class RealtimeServices
{
    /// <summary>
    /// Largest message a client may send. A live-board post is at most 1,000 characters: even with every character
    /// escaped as \uXXXX by a client's JSON writer that is 6,000 bytes, plus the invocation's frame.
    /// </summary>
    public const int MaximumReceiveMessageBytes = 8 * 1024;

    /// <summary>The Redis channels of all instances of one site start with this, so sites that share a Redis do not hear each other.</summary>
    public const string DefaultRedisChannelPrefix = "hm-community";

    public const string RedisChannelPrefixKey = "Realtime:RedisChannelPrefix";
    public const string BenchBroadcastHubKey = "Bench:BroadcastHub";

    public static IServiceCollection AddCommunityRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = MaximumReceiveMessageBytes;
            o.EnableDetailedErrors = false;           // exception text never reaches a browser
            o.MaximumParallelInvocationsPerClient = 1; // one call at a time per connection: a client cannot flood the hub in parallel
        });

        var redis = configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            var prefix = configuration[RedisChannelPrefixKey] is { Length: > 0 } configured ? configured : DefaultRedisChannelPrefix;
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal(prefix));
            services.AddSingleton(_ => new RedisHealthCheck(redis)); // by factory, so the container disposes its connection
            // Degraded, not Unhealthy: without Redis an instance still serves its own clients, and a load balancer
            // should not take every instance out at once because the backplane is down.
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
        }
        return services;
    }

    /// <summary>
    /// The bare broadcast hub the live-board benchmark compares against, at /hubs/bench-broadcast. Mapped only when
    /// <c>Bench:BroadcastHub</c> is true (bench/liveboard.sh sets it); never otherwise, so it is not there in production.
    /// </summary>
    public static WebApplication MapBenchBroadcastHub(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(BenchBroadcastHubKey))
            app.MapHub<BenchBroadcastHub>("/hubs/bench-broadcast");
        return app;
    }
}
