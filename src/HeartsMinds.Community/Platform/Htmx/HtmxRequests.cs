using Htmx;
using Microsoft.Net.Http.Headers;

namespace HeartsMinds.Community.Platform.Htmx;

public static class HtmxRequests
{
    /// <summary>
    /// True when htmx asked for part of a page, so a handler may answer with a partial. A history restore (htmx
    /// reloading a page it no longer has cached) needs the whole page. Either way the answer varies on HX-Request,
    /// so no cache hands the fragment to a full page load of the same address (hx-replace-url makes them the same).
    /// </summary>
    public static bool WantsHtmxFragment(this HttpRequest request)
    {
        var headers = request.HttpContext.Response.Headers;
        if (!headers.Vary.Contains("HX-Request")) headers.Append(HeaderNames.Vary, "HX-Request");
        return request.IsHtmx() && !request.IsHtmxHistoryRestoreRequest();
    }
}
