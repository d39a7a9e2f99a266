using HeartsMinds.Community.Platform.Htmx;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// A page with the people rows of <see cref="AttendeeRowsView"/> (the register form, every-session registration and
/// "add people" on the manage page). "Add another person" and "Remove" post the form to their own handlers; without
/// JavaScript the page comes back with the rows changed, with htmx (HX-Request) only the rows do.
/// </summary>
public abstract class AttendeeRowsPageModel : CommunityPageModel
{
    [BindProperty] public RegistrationForm Input { get; set; } = new();
    public AttendeeRowsView Rows { get; protected set; } = null!;

    /// <summary>The rows with one more, whose name field takes focus. Call after loading the page.</summary>
    protected IActionResult RowAdded()
    {
        ModelState.Clear();
        var added = AttendeeRowsView.AddRow(Input.Attendees);
        return ShowRows(Rows with { FocusRow = added });
    }

    /// <summary>The rows with one fewer; the heading takes focus. Call after loading the page.</summary>
    protected IActionResult RowRemoved(int remove)
    {
        // Cleared so the fields show the rows as they are now, not the values posted at the old positions.
        ModelState.Clear();
        AttendeeRowsView.RemoveRow(Input.Attendees, remove);
        return ShowRows(Rows with { FocusHeading = true });
    }

    /// <summary>The page as it is now, with this status.</summary>
    protected PageResult ShowPage(int status = StatusCodes.Status200OK)
    {
        Rows = Rows with { Rows = Input.Attendees };
        return PageWithStatus(status);
    }

    /// <summary>Called before the rows are shown again after a change.</summary>
    protected virtual void RowsChanged() { }

    private IActionResult ShowRows(AttendeeRowsView rows)
    {
        RowsChanged();
        Rows = rows with { Rows = Input.Attendees };
        return Request.WantsHtmxFragment() ? Partial("_AttendeeRows", Rows) : ShowPage();
    }
}
