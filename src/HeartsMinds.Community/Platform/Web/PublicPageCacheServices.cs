using HeartsMinds.Community.Platform.Realtime;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// ASP.NET Core output caching for the public pages (ADR 0017). With <c>ConnectionStrings:Redis</c> (the live board's)
/// the cache lives in Redis, so every instance serves the same copy and an eviction on one reaches all; without it,
/// in this process's memory. Nothing is cached unless its endpoint names one of <see cref="PublicPageCache"/>'s policies.
/// </summary>
public static class PublicPageCacheServices
{
    public static IServiceCollection AddPublicPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicPageCacheOptions>().BindConfiguration(PublicPageCacheOptions.Section)
            .Validate(o => o.CacheFor > TimeSpan.Zero && o.SecondSweepAfter >= TimeSpan.Zero,
                "PublicPages:CacheFor must be more than zero and PublicPages:SecondSweepAfter not negative.")
            .ValidateOnStart();

        var redis = configuration.GetConnectionString("Redis");
        var shared = !string.IsNullOrWhiteSpace(redis);
        if (shared)
        {
            var prefix = configuration[RealtimeServices.RedisChannelPrefixKey] is { Length: > 0 } configured ? configured : RealtimeServices.DefaultRedisChannelPrefix;
            services.AddStackExchangeRedisOutputCache(o =>
            {
                o.Configuration = redis;
                o.InstanceName = $"{prefix}:pages:";
            });
        }
        services.AddOutputCache(o =>
        {
            o.AddPolicy(PublicPageCache.ListPolicy, new PublicPagePolicy(oneEvent: false));
            o.AddPolicy(PublicPageCache.EventPolicy, new PublicPagePolicy(oneEvent: true));
        });
        services.AddSingleton(sp => new PublicPageCache(sp.GetRequiredService<IOutputCacheStore>(),
            sp.GetRequiredService<IOptions<PublicPageCacheOptions>>(), sp.GetRequiredService<ILogger<PublicPageCache>>()) { SharedStore = shared });
        return services;
    }

    /// <summary>
    /// True on a page that may be served from the cache: its HTML must then be the same for every visitor, so the
    /// layout leaves out the per-visitor antiforgery token (these pages have no form to post).
    /// </summary>
    public static bool IsPublicCachedPage(this HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName is PublicPageCache.ListPolicy or PublicPageCache.EventPolicy;
}
