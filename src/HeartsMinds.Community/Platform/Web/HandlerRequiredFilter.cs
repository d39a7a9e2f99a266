using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// Razor Pages renders a page even when no handler matched the request (a TRACE, a POST to a page without OnPost,
/// an unknown ?handler=), with data that was never loaded, so it throws. Such requests get 404 (an unknown handler)
/// or 405 (a method the page does not answer) before anything renders. A GET of a page with no OnGet still renders.
/// </summary>
public sealed class HandlerRequiredFilter : IPageFilter
{
    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is not null) return;
        var request = context.HttpContext.Request;
        var named = !string.IsNullOrEmpty(context.RouteData.Values["handler"]?.ToString()) || request.Query.ContainsKey("handler");
        if (named)
            context.Result = new NotFoundResult();
        else if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }
    public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }
}
