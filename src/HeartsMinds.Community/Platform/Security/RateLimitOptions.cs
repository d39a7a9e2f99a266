namespace HeartsMinds.Community.Platform.Security;

/// <summary>RateLimits: how many public form posts one address may make.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Public POSTs (forms anyone can submit) allowed per client address per minute.</summary>
    public int PublicPostsPerMinute { get; set; } = 30;
}
