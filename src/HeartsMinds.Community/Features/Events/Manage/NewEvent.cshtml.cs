using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.Events.Manage;

/// <summary>A new face-to-face event, saved as a draft or published straight away.</summary>
public sealed class NewEventModel(CommunityDb db, TimeProvider clock) : CommunityPageModel
{
    [BindProperty] public EventInput Input { get; set; } = new();

    public void OnGet() => Input.Capacity = 40;

    public async Task<IActionResult> OnPostAsync(bool publish, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var times = Input.Check(ModelState, now, existing: null);
        if (times is null)
        {
            return BadRequestPage();
        }

        var ev = new Event
        {
            Kind = EventKind.InPerson,
            Status = publish ? EventStatus.Published : EventStatus.Draft,
            Capacity = Input.Capacity!.Value,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Input.ApplyTo(ev, times);
        db.Events.Add(ev);
        await db.SaveChangesAsync(cancellationToken);

        TempData["Notice"] = publish
            ? $"{ev.Title} is published: people can find it on the events page and register."
            : $"{ev.Title} is saved as a draft. Only staff can see it until you publish it.";
        return Redirect($"/manage/events/{ev.Id}");
    }
}
