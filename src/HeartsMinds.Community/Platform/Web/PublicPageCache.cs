using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// The output cache of the public pages (home, events, an event, the Conversation Space, the public calendars), and
/// its eviction. Pages are tagged <see cref="AllTag"/>, plus <see cref="ListsTag"/> (pages that list events) or
/// <see cref="EventTag"/> (one event's page and calendar). Call the Evict methods after the change has committed:
/// evicting before the commit would let a visitor re-cache the old figures in between.
/// </summary>
public sealed class PublicPageCache(IOutputCacheStore store, IOptions<PublicPageCacheOptions> options, ILogger<PublicPageCache> logger)
{
    /// <summary>Policy of pages that list events (home, /events, /conversation-space, the feeds).</summary>
    public const string ListPolicy = "public-list";

    /// <summary>Policy of one event's page or calendar: the route's <c>id</c> is the event.</summary>
    public const string EventPolicy = "public-event";

    public const string AllTag = "public";
    public const string ListsTag = "events";
    public static string EventTag(long eventId) => $"event:{eventId}";
    public static string EventTag(string eventId) => $"event:{eventId}";

    private long _generation;

    /// <summary>Counts evictions: a page rendered while one happened may hold the old figures, so it is not stored.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public TimeSpan CacheFor => options.Value.CacheFor;

    /// <summary>Set when the store is shared by several instances (Redis): then the eviction is swept twice.</summary>
    internal bool SharedStore { get; init; }

    /// <summary>An event, its places or its registrations changed: its own page and calendar, and every list.</summary>
    public Task EvictEventAsync(long eventId, CancellationToken cancellationToken = default) =>
        EvictAsync([ListsTag, EventTag(eventId)], cancellationToken);

    /// <summary>Several events changed in one commit.</summary>
    public Task EvictEventsAsync(IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken = default) =>
        eventIds.Count == 0 ? Task.CompletedTask : EvictAsync([ListsTag, .. eventIds.Distinct().Select(EventTag)], cancellationToken);

    /// <summary>Something every public page may show changed (a series): all of them.</summary>
    public Task EvictAllEventsAsync(CancellationToken cancellationToken = default) => EvictAsync([AllTag], cancellationToken);

    private async Task EvictAsync(IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _generation);
        await EvictFromStoreAsync(tags, cancellationToken);
        if (SharedStore && options.Value.SecondSweepAfter > TimeSpan.Zero)
            _ = SweepAgainLaterAsync(tags, options.Value.SecondSweepAfter);
    }

    private async Task SweepAgainLaterAsync(IReadOnlyList<string> tags, TimeSpan after)
    {
        try
        {
            await Task.Delay(after);
            await EvictFromStoreAsync(tags, CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // The app stopped in between: its cache (and logger) went with it, and nothing is left to sweep.
        }
    }

    // The change has committed whatever happens here: a store that does not answer must not turn it into an error.
    // The pages then stay at most CacheFor old.
    private async Task EvictFromStoreAsync(IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var tag in tags)
                await store.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not evict cached public pages {Tags}: they may be up to {CacheFor} old", string.Join(", ", tags), CacheFor);
        }
    }
}
