using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// Who came to an online session: one tick per person with a place, saved together. "Attended" is the same
/// <see cref="Attendee.CheckedInAt"/> a face-to-face event's door uses: both answer "were they there?", so counts
/// and the CSV read the same for either kind, and no second column can disagree with the first.
/// </summary>
public sealed class AttendanceModel(CommunityDb db, TimeProvider clock) : CommunityPageModel
{
    public Event Event { get; private set; } = null!;
    public IReadOnlyList<Attendee> People { get; private set; } = [];
    public bool HasStarted { get; private set; }
    [TempData] public string? Notice { get; set; }

    /// <summary>The ids of the people ticked as there.</summary>
    [BindProperty] public List<long> Attended { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!ModelState.IsValid) return Refuse("Something in that form wasn't right. Reload the page and try again.");
        var ticked = Attended.ToHashSet();
        var everyone = await db.Attendees.AsNoTracking().Where(a => a.EventId == id).Select(a => new { a.Id, a.Name, a.Status }).ToListAsync(cancellationToken);
        if (ticked.Except(everyone.Select(a => a.Id)).Any()) return NotFound(); // someone from another event
        var withoutPlace = everyone.Where(a => ticked.Contains(a.Id) && a.Status != AttendeeStatus.Confirmed).Select(a => a.Name).ToList();
        if (withoutPlace.Count > 0) return Refuse($"{string.Join(", ", withoutPlace)} {(withoutPlace.Count == 1 ? "doesn't" : "don't")} have a place, so can't be marked as there.");

        var now = clock.GetUtcNow();
        // Ticked now and not before: there from now. Unticked: not there. Ticked before: keep the first time.
        await db.Attendees.Where(a => a.EventId == id && a.Status == AttendeeStatus.Confirmed && ticked.Contains(a.Id) && a.CheckedInAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.CheckedInAt, now), cancellationToken);
        await db.Attendees.Where(a => a.EventId == id && !ticked.Contains(a.Id) && a.CheckedInAt != null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.CheckedInAt, (DateTimeOffset?)null), cancellationToken);

        var confirmed = everyone.Count(a => a.Status == AttendeeStatus.Confirmed);
        Notice = $"Attendance saved: {ticked.Count} of {confirmed} {(confirmed == 1 ? "person" : "people")} with a place came.";
        return Redirect($"/manage/events/{id}/attendance");
    }


    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return false;
        Event = ev;
        HasStarted = ev.StartsAt <= clock.GetUtcNow();
        People = (await db.Attendees.AsNoTracking().Include(a => a.Registration)
                .Where(a => a.EventId == id && a.Status == AttendeeStatus.Confirmed).ToListAsync(cancellationToken))
            .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        return true;
    }
}
