using HeartsMinds.Community.Platform.Htmx;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.Registrations;

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
