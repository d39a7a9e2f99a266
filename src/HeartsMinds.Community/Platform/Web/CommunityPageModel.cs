using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>A page model whose forms answer bad input the same way everywhere: the page again, with a 4xx status.</summary>
public abstract class CommunityPageModel : PageModel
{
    /// <summary>The page, answered with this status (a form's 400 or 409, a private link's own 404).</summary>
    protected PageResult PageWithStatus(int status)
    {
        var page = Page();
        page.StatusCode = status;
        return page;
    }

    /// <summary>The page with its messages, answered as 400 Bad Request.</summary>
    protected PageResult BadRequestPage() => PageWithStatus(StatusCodes.Status400BadRequest);

    /// <summary>
    /// 303 See Other after a form was handled: the browser GETs <paramref name="url"/>, so reloading that page doesn't
    /// send the form again.
    /// </summary>
    protected StatusCodeResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>The page with one message for the whole form (shown in the error summary), answered as 400.</summary>
    protected PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return BadRequestPage();
    }
}
