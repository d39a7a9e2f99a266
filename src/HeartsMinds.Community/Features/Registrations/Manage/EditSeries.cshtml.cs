using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Events.Manage;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// Changes a series. Sessions that follow the series change with it and their attendees are told; sessions changed
/// on their own, and cancelled ones, stay as they are.
/// </summary>
public sealed class EditSeriesModel(CommunityDb db, SeriesSync sync, TimeProvider clock) : CommunityPageModel
{
    [BindProperty] public SeriesInput Input { get; set; } = new();
    public ConversationSpaceSeries Series { get; private set; } = null!;

    /// <summary>Sent by the confirm step: staff have seen how many people will be emailed and said yes.</summary>
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>Set when saving would email people and staff haven't confirmed yet: the page asks first.</summary>
    public EmailConfirmation? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var series = await db.ConversationSpaceSeries.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (series is null) return NotFound();
        Series = series;
        Input = SeriesInput.From(series);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var series = await db.ConversationSpaceSeries.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (series is null) return NotFound();
        Series = series;
        var pattern = Input.Check(ModelState);
        if (pattern is not null && series.IsActive && !Input.IsActive && await PeopleBookedOnFollowingSessionsAsync(id, cancellationToken) is > 0 and var people)
            ModelState.AddModelError("Input.IsActive",
                $"{people} {(people == 1 ? "person has" : "people have")} registered for sessions coming up. Cancel those sessions first (everyone registered is emailed), then pause the series.");
        if (pattern is null || !ModelState.IsValid)
        {
            return BadRequestPage();
        }

        var patternChanged = Apply(series, pattern);
        if (!Confirmed)
        {
            // Nothing that emails people is saved before staff have seen how many will hear of it and said yes.
            var toEmail = await sync.PeopleToEmailAsync(series, patternChanged, cancellationToken);
            if (toEmail > 0)
            {
                Confirmation = new EmailConfirmation(toEmail,
                    $"{(toEmail == 1 ? "They have" : "Each has")} a place at an upcoming session that changes with the series, and will get an email with the new details and an update for their calendar.",
                    Input);
                // The page shows the series as it still is: nothing has been saved.
                Series = await db.ConversationSpaceSeries.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken);
                return Page();
            }
            series = await db.ConversationSpaceSeries.SingleAsync(s => s.Id == id, cancellationToken);
            Series = series;
            patternChanged = Apply(series, pattern);
        }
        var result = await sync.SaveAsync(series, patternChanged, cancellationToken);

        var notice = new List<string> { $"Saved the changes to {series.Title}." };
        if (result.Changed.Count > 0)
            notice.Add($"{result.Changed.Count} upcoming {(result.Changed.Count == 1 ? "session has" : "sessions have")} changed to match, and everyone with a place has been emailed.");
        foreach (var kept in result.KeptAsTheyWere)
            notice.Add($"The session on {EventTime.Day(kept.StartsAt, kept.TimeZoneId)} stays as it was, because this month's date in the new pattern has passed. Change or cancel it on its own if you need to.");
        if (result.Created.Count > 0)
            notice.Add($"{result.Created.Count} new {(result.Created.Count == 1 ? "session was" : "sessions were")} added.");
        TempData["Notice"] = string.Join(" ", notice);
        return Redirect($"/manage/conversation-space/{series.Id}");
    }

    /// <summary>Applies the form to the (tracked) series; true when the pattern (week or day) changed.</summary>
    private bool Apply(ConversationSpaceSeries series, SeriesInput.Pattern pattern)
    {
        var old = (series.WeekOfMonth, series.DayOfWeek, series.StartTime, series.EndTime, series.JoiningUrl);
        Input.ApplyTo(series, pattern);
        var patternChanged = old.WeekOfMonth != series.WeekOfMonth || old.DayOfWeek != series.DayOfWeek;
        // The series as one calendar entry: raise its sequence when what a calendar shows changes.
        if (patternChanged || old.StartTime != series.StartTime || old.EndTime != series.EndTime || old.JoiningUrl != series.JoiningUrl)
            series.Sequence++;
        return patternChanged;
    }

    /// <summary>People with a place or waiting at upcoming sessions that pausing would hide.</summary>
    private async Task<int> PeopleBookedOnFollowingSessionsAsync(long seriesId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.Attendees.CountAsync(a => a.Status != AttendeeStatus.Cancelled
            && db.Events.Any(e => e.Id == a.EventId && e.SeriesId == seriesId && !e.DetachedFromSeries && e.StartsAt > now && e.Status != EventStatus.Cancelled),
            cancellationToken);
    }
}
