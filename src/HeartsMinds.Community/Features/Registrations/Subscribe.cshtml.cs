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
public sealed class SubscribeModel(CommunityDb db, SubscriptionDesk subscriptions, TimeProvider clock) : NewRegistrationPageModel
{
    public ConversationSpaceSeries Series { get; private set; } = null!;
    public IReadOnlyList<Event> OpenSessions { get; private set; } = [];

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
        if (!TryGetSubmissionKey(out var key) || !ModelState.IsValid) return ShowPage(StatusCodes.Status400BadRequest);

        var outcome = await subscriptions.SubscribeAsync(new SubscriptionRequest(Series.Id, key, Input.OrganisationName!.Trim(),
            Input.ContactName!.Trim(), Input.ContactEmail!.Trim(), Input.ToDetails(asksDietaryNeeds: false)), cancellationToken);
        if (outcome is not SubscriptionOutcome.Subscribed) return NotFound();

        return SeeOther(Url.Page("/Registrations/Subscribed", new { key })!);
    }

    public async Task<IActionResult> OnPostAddAttendeeAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? RowAdded() : NotFound();

    public async Task<IActionResult> OnPostRemoveAttendeeAsync(int remove, CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? RowRemoved(remove) : NotFound();

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
        Rows = new AttendeeRowsView(Input.Attendees, AsksDietaryNeeds: false)
        {
            Heading = "Who will come",
            Hint = "Everyone you list here is registered for every session. You can add more people later by filling in this form again.",
        };
        return true;
    }
}
