using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>A page model whose forms answer bad input the same way everywhere: the page again, with 400.</summary>
public abstract class CommunityPageModel : PageModel
{
    /// <summary>The page with its messages, answered as 400 Bad Request.</summary>
    protected PageResult BadRequestPage()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    /// <summary>The page with one message for the whole form (shown in the error summary), answered as 400.</summary>
    protected PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return BadRequestPage();
    }
}
