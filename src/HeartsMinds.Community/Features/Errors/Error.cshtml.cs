using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HeartsMinds.Community.Features.Errors;

/// <summary>
/// The page for an unhandled exception (UseExceptionHandler re-executes here outside Development, keeping the
/// original method, so it answers any method and skips antiforgery and rate limiting). It shows a reference that
/// matches the RequestId in the logs, and never any detail of the exception.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[DisableRateLimiting]
public sealed class ErrorModel : PageModel
{
    public string RequestId { get; private set; } = "";

    public void OnGet() { }

    public void OnPost() { }

    /// <summary>Runs for every method, including those with no handler above.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        RequestId = HttpContext.TraceIdentifier;
        Response.StatusCode = StatusCodes.Status500InternalServerError;
    }
}
