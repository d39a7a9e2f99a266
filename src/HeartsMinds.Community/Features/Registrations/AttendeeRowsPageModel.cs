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

/// <summary>
/// A form that makes a new registration (one event, or every session): the contact's details, the people, and a
/// submission key that makes the same form sent twice count once.
/// </summary>
public abstract class NewRegistrationPageModel : AttendeeRowsPageModel
{
    /// <summary>A new random key when the form is first shown, kept when it is shown again: the same key twice is one registration.</summary>
    [BindProperty] public string? SubmissionKey { get; set; }

    public IEnumerable<string> FieldOrder =>
        new[] { "Input.OrganisationName", "Input.ContactName", "Input.ContactEmail" }.Concat(Rows.FieldOrder()).Append("Input.Consent");

    protected override void RowsChanged()
    {
        if (!Guid.TryParse(SubmissionKey, out var key) || key == Guid.Empty) SubmissionKey = Guid.NewGuid().ToString();
    }

    /// <summary>The form's key, or a message on the form (and a fresh key, so the next send counts as a new form).</summary>
    protected bool TryGetSubmissionKey(out Guid key)
    {
        if (Guid.TryParse(SubmissionKey, out key) && key != Guid.Empty) return true;
        // Only a hand-made request lacks the key.
        SubmissionKey = Guid.NewGuid().ToString();
        ModelState.AddModelError(string.Empty, "Something was missing from the form when it was sent. Check your answers and send it again.");
        return false;
    }
}
