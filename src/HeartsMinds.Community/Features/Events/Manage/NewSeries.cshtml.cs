using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.Events.Manage;

/// <summary>Sets up a Conversation Space series; its sessions for the months ahead are made straight away.</summary>
public sealed class NewSeriesModel(CommunityDb db, SeriesPlanner planner, TimeProvider clock) : CommunityPageModel
{
    [BindProperty] public SeriesInput Input { get; set; } = new();

    public void OnGet() => Input.StartsOn = EventTime.LocalDate(clock.GetUtcNow(), EventTime.UkZoneId).ToString("yyyy-MM-dd");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var pattern = Input.Check(ModelState);
        if (pattern is null)
        {
            return BadRequestPage();
        }

        var now = clock.GetUtcNow();
        var series = new ConversationSpaceSeries { CreatedAt = now, UpdatedAt = now };
        Input.ApplyTo(series, pattern);
        db.ConversationSpaceSeries.Add(series);
        await db.SaveChangesAsync(cancellationToken);
        var sessions = await planner.FillHorizonAsync(series.Id, cancellationToken);

        TempData["Notice"] = sessions.Count == 0
            ? $"{series.Title} is set up. There are no sessions yet: {(series.IsActive ? "check the first date and the months ahead" : "it's paused")}."
            : $"{series.Title} is set up with {sessions.Count} {(sessions.Count == 1 ? "session" : "sessions")}{(series.IsActive ? ", open for registration" : "")}.";
        return Redirect($"/manage/conversation-space/{series.Id}");
    }
}
