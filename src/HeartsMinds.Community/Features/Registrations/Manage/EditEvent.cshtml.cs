using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Events.Manage;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// Changes a face-to-face event. Places go through the desk (raising them promotes from the waitlist), and people
/// with a place are emailed when the time or the venue changes.
/// </summary>
public sealed class EditEventModel(CommunityDb db, RegistrationDesk desk, NoticeWriter notices, IPlaceCounter counter, TimeProvider clock) : CommunityPageModel
{
    [BindProperty] public EventInput Input { get; set; } = new();
    public Event Event { get; private set; } = null!;
    public PlaceCounts Counts { get; private set; } = null!;

    /// <summary>Sent by the confirm step: staff have seen how many people will be emailed and said yes.</summary>
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>Set when saving would email people and staff haven't confirmed yet: the page asks first.</summary>
    public EmailConfirmation? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return NotFound();
        if (ev.IsOnline) return Redirect(EventLabels.EditLink(ev));
        Event = ev;
        Counts = await counter.ForAsync(ev, cancellationToken);
        Input = EventInput.From(ev);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        // Not tracked: the desk loads its own copy to change, so this one keeps showing the event as it was.
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return NotFound();
        Event = ev;
        Counts = await counter.ForAsync(ev, cancellationToken);
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

        var places = Input.Capacity!.Value;
        var placesBefore = ev.Capacity;
        Task<EventChanged?> Change() => desk.ChangeEventAsync(ev.Id, changing =>
        {
            Input.ApplyTo(changing, times);
            changing.Capacity = places;
            changing.UpdatedAt = now;
        }, cancellationToken);
        if (!Confirmed)
        {
            // Nothing that emails people is saved before staff have seen how many will hear of it and said yes.
            var toEmail = await EmailDryRun.PeopleAsync(db, notices, Change, cancellationToken);
            if (toEmail > 0)
            {
                Confirmation = new EmailConfirmation(toEmail,
                    "Everyone with a place (and anyone given a place from the waitlist) will get an email with the event's new details and an update for their calendar.", Input);
                return Page();
            }
        }
        var result = (await Change())!;

        var notice = new List<string> { $"Saved the changes to {result.Event.Title}." };
        if (places != placesBefore && result.ConfirmedAfter > places)
            notice.Add($"{result.ConfirmedAfter} people already have a place, more than the {places} you set. Nobody loses their place, but nobody new gets one until fewer than {places} hold places.");
        else if (result.ConfirmedAfter > result.ConfirmedBefore)
        {
            var promoted = result.ConfirmedAfter - result.ConfirmedBefore;
            notice.Add($"{promoted} {(promoted == 1 ? "person" : "people")} from the waitlist now {(promoted == 1 ? "has a place and has" : "have places and have")} been emailed.");
        }
        if (result.WhatChanged is not null && ev.Status == EventStatus.Published)
            notice.Add(result.ToldNotice ?? "Nobody has a place yet, so nobody needed telling.");
        TempData["Notice"] = string.Join(" ", notice);
        return Redirect($"/manage/events/{ev.Id}");
    }
}
