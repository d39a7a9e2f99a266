using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events.Manage;

/// <summary>
/// Changes a face-to-face event. Places go through the desk (raising them promotes from the waitlist), and people
/// with a place are emailed when the time or the venue changes.
/// </summary>
public sealed class EditEventModel(CommunityDb db, RegistrationDesk desk, TimeProvider clock) : CommunityPageModel
{
    [BindProperty] public EventInput Input { get; set; } = new();
    public Event Event { get; private set; } = null!;
    public PlaceCounts Counts { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return NotFound();
        if (ev.IsOnline) return Redirect(EventLabels.EditLink(ev));
        Event = ev;
        Counts = await PlaceCounts.ForAsync(db, ev, cancellationToken);
        Input = EventInput.From(ev);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var ev = await db.Events.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return NotFound();
        Event = ev;
        Counts = await PlaceCounts.ForAsync(db, ev, cancellationToken);
        if (ev.IsOnline)
            ModelState.AddModelError(string.Empty, "This is an online session: change it from its own page.");
        else if (ev.Status == EventStatus.Cancelled)
            ModelState.AddModelError(string.Empty, "This event has been cancelled, so it can't be changed.");

        var now = clock.GetUtcNow();
        var times = Input.Check(ModelState, now, ev);
        if (times is null || !ModelState.IsValid)
        {
            return BadRequestPage();
        }

        var before = EventFacts.Of(ev);
        Input.ApplyTo(ev, times);
        ev.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);

        var notice = new List<string> { $"Saved the changes to {ev.Title}." };
        var places = Input.Capacity!.Value;
        if (places != ev.Capacity)
        {
            await desk.SetCapacityAsync(ev.Id, places, cancellationToken);
            var after = await PlaceCounts.ForAsync(db, ev, cancellationToken);
            if (after.Confirmed > places)
                notice.Add($"{after.Confirmed} people already have a place, more than the {places} you set. Nobody loses their place, but nobody new gets one until fewer than {places} hold places.");
            else if (after.Confirmed > Counts.Confirmed)
                notice.Add($"{after.Confirmed - Counts.Confirmed} {(after.Confirmed - Counts.Confirmed == 1 ? "person" : "people")} from the waitlist now {(after.Confirmed - Counts.Confirmed == 1 ? "has a place and has" : "have places and have")} been emailed.");
        }
        if (before.ChangesTo(ev) is { } change && ev.Status == EventStatus.Published)
        {
            await desk.NotifyChangedAsync(ev.Id, change, cancellationToken);
            notice.Add(Counts.Confirmed == 0 ? "Nobody has a place yet, so nobody needed telling." : $"Everyone with a place has been emailed, with an update for their calendar: {change}.");
        }
        TempData["Notice"] = string.Join(" ", notice);
        return Redirect($"/manage/events/{ev.Id}");
    }
}
