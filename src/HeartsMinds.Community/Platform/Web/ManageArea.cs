namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// The staff area of the site is every address under /manage. Staff requires sign-in there; Security leaves its
/// posts out of the public rate limit. The convention lives here so neither has to ask the other.
/// </summary>
public static class ManageArea
{
    /// <summary>True for "/manage", "manage/events/{id}" and the like (a path or a route pattern).</summary>
    public static bool Contains(string? pathOrPattern) =>
        pathOrPattern is not null &&
        (pathOrPattern.TrimStart('/').Equals("manage", StringComparison.OrdinalIgnoreCase) ||
         pathOrPattern.TrimStart('/').StartsWith("manage/", StringComparison.OrdinalIgnoreCase));
}
