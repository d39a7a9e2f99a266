namespace HeartsMinds.Community.Platform.Web;

/// <summary>PublicPages: how long the output cache keeps an anonymous visitor's copy of a public page.</summary>
public sealed class PublicPageCacheOptions
{
    public const string Section = "PublicPages";

    /// <summary>
    /// The longest a cached page lives. Changes to events, places and series evict pages at once; this bound is for
    /// what changes with the clock alone (an event starting, registration closing), so keep it short.
    /// </summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// With the Redis store (several instances), the eviction is repeated this long after the change: another instance
    /// may have been rendering from the old figures at the moment of the commit and stored its page just after the
    /// first eviction. Zero turns the second sweep off.
    /// </summary>
    public TimeSpan SecondSweepAfter { get; set; } = TimeSpan.FromSeconds(2);
}
