using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// Which requests for a public page may be answered from the output cache, and which responses may be stored.
/// Only anonymous GET and HEAD; never a signed-in request (the default policy's rule, kept here because this policy
/// replaces it), never a response that sets a cookie, says no-store or private, or is not a 200, and never a page
/// rendered while an eviction happened. Varies by the whole query string and by HX-Request (an htmx partial is not
/// the full page).
/// </summary>
public sealed class PublicPagePolicy(bool oneEvent) : IOutputCachePolicy
{
    private const string GenerationItem = "PublicPagePolicy.Generation";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var anonymous = http.User.Identity?.IsAuthenticated != true && StringValues.IsNullOrEmpty(request.Headers.Authorization);
        var cacheable = anonymous && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true; // a burst of misses for one page renders it once
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = "HX-Request";

        var cache = http.RequestServices.GetRequiredService<PublicPageCache>();
        context.ResponseExpirationTimeSpan = cache.CacheFor;
        context.Tags.Add(PublicPageCache.AllTag);
        context.Tags.Add(oneEvent && request.RouteValues["id"] is { } id
            ? PublicPageCache.EventTag(Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture)!)
            : PublicPageCache.ListsTag);
        http.Items[GenerationItem] = cache.Generation;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var response = http.Response;
        var cacheControl = response.Headers.CacheControl;
        if (!StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            || response.StatusCode != StatusCodes.Status200OK
            || HeaderUtilities.ContainsCacheDirective(cacheControl, CacheControlHeaderValue.NoStoreString)
            || HeaderUtilities.ContainsCacheDirective(cacheControl, CacheControlHeaderValue.PrivateString)
            || http.Items[GenerationItem] is not long started
            || started != http.RequestServices.GetRequiredService<PublicPageCache>().Generation)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
