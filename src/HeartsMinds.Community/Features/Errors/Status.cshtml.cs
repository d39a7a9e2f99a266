using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HeartsMinds.Community.Features.Errors;

/// <summary>
/// The friendly page for an error status (404, 403, 429...), reached by UseStatusCodePagesWithReExecute or
/// directly. Re-execution keeps the original method and status, so it answers any method (GET, POST, and PUT
/// or DELETE from an API call), skips antiforgery (the failed request may have had no token) and rate limiting
/// (a 429 must still get its page).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[DisableRateLimiting]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet() { }

    public void OnPost() { }

    /// <summary>Runs for every method, including those with no handler above.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), out var c) ? c : 0;
        // Only error codes make sense here; anything else (/error/200, /error/999) is a page that doesn't exist.
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
    }
}
