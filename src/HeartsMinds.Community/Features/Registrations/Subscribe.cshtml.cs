using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// "Register for every Conversation Space session": the same form as for one event, through the
/// <see cref="SubscriptionDesk"/>, which registers the people for every open session and each new one as it opens.
/// </summary>
public sealed class SubscribeModel(CommunityDb db, SubscriptionDesk subscriptions, TimeProvider clock) : CommunityPageModel
{
    public const string PageUrl = "/conversation-space/register";

    [BindProperty] public RegistrationForm Input { get; set; } = new();
    [BindProperty] public string? SubmissionKey { get; set; }

    public ConversationSpaceSeries Series { get; private set; } = null!;
    public IReadOnlyList<Event> OpenSessions { get; private set; } = [];
    public AttendeeRowsView Rows { get; private set; } = null!;

    public IEnumerable<string> FieldOrder =>
        new[] { "Input.OrganisationName", "Input.ContactName", "Input.ContactEmail" }.Concat(Rows.FieldOrder()).Append("Input.Consent");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        SubmissionKey = Guid.NewGuid().ToString();
        return ShowPage();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        FormRules.Validate(Input, ModelState, asksDietaryNeeds: false);
        if (!Guid.TryParse(SubmissionKey, out var key) || key == Guid.Empty)
        {
            SubmissionKey = Guid.NewGuid().ToString();
            ModelState.AddModelError(string.Empty, "Something was missing from the form when it was sent. Check your answers and send it again.");
        }
        if (!ModelState.IsValid) return ShowPage(StatusCodes.Status400BadRequest);

        var outcome = await subscriptions.SubscribeAsync(new SubscriptionRequest(Series.Id, key, Input.OrganisationName!.Trim(),
            Input.ContactName!.Trim(), Input.ContactEmail!.Trim(), Input.ToDetails(asksDietaryNeeds: false)), cancellationToken);
        if (outcome is not SubscriptionOutcome.Subscribed) return NotFound();

        Response.Headers.Location = $"/conversation-space/registered?key={key}";
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    public async Task<IActionResult> OnPostAddAttendeeAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        ModelState.Clear();
        var added = AttendeeRowsView.AddRow(Input.Attendees);
        return ShowRows(Rows with { FocusRow = added });
    }

    public async Task<IActionResult> OnPostRemoveAttendeeAsync(int remove, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        ModelState.Clear();
        AttendeeRowsView.RemoveRow(Input.Attendees, remove);
        return ShowRows(Rows with { FocusHeading = true });
    }

    private IActionResult ShowRows(AttendeeRowsView rows)
    {
        if (!Guid.TryParse(SubmissionKey, out var key) || key == Guid.Empty) SubmissionKey = Guid.NewGuid().ToString();
        Rows = rows with { Rows = Input.Attendees };
        return Request.Headers.ContainsKey("HX-Request") ? Partial("_AttendeeRows", Rows) : ShowPage();
    }

    private PageResult ShowPage(int status = StatusCodes.Status200OK)
    {
        Rows = Rows with { Rows = Input.Attendees };
        return PageWithStatus(status);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var series = await ConversationSpaceModel.CurrentSeriesAsync(db, cancellationToken);
        if (series is null) return false;
        Series = series;
        var now = clock.GetUtcNow();
        var upcoming = await db.Events.AsNoTracking()
            .Where(e => e.SeriesId == series.Id && e.Status == EventStatus.Published && e.StartsAt > now)
            .OrderBy(e => e.StartsAt).ToListAsync(cancellationToken);
        OpenSessions = upcoming.Where(e => e.RegistrationState(now).Open).ToList();
        if (Input.Attendees.Count == 0) Input.Attendees.Add(new AttendeeInput());
        Rows = new AttendeeRowsView(Input.Attendees, PageUrl, AsksDietaryNeeds: false)
        {
            Heading = "Who will come",
            Hint = "Everyone you list here is registered for every session. You can add more people later by filling in this form again.",
        };
        return true;
    }
}
