using Microsoft.AspNetCore.Mvc.Filters;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// For pages whose address is a secret (a manage link's token, a confirmation's key) and that show people's names:
/// browsers must not send the address on to other sites, keep a copy, or offer it to search engines.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PrivatePageAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers["X-Robots-Tag"] = "noindex";
        return next();
    }
}
