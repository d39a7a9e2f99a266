namespace HeartsMinds.Community.Platform.Data;

/// <summary>ConnectionStrings:Community, checked once: the app cannot do anything without it.</summary>
public sealed class CommunityConnectionString(IConfiguration configuration)
{
    public string Value { get; } = configuration.GetConnectionString("Community") is { Length: > 0 } value ? value
        : throw new InvalidOperationException(
            "ConnectionStrings:Community is not set. Set it in appsettings or as the environment variable ConnectionStrings__Community.");
}
