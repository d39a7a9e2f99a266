using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Events.Manage;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>One event for staff: its details and places, and publishing, previewing, deleting (a draft) or cancelling it.</summary>
public sealed class EventOverviewModel(CommunityDb db, RegistrationDesk desk, IPlaceCounter counter, TimeProvider clock, IEventInvitations invitations,
    PublicPageCache publicPages)
    : CommunityPageModel
{
    public Event Event { get; private set; } = null!;
    public PlaceCounts Counts { get; private set; } = null!;
    public ConversationSpaceSeries? Series { get; private set; }
    public bool HasHappened { get; private set; }
    public bool HasEnded { get; private set; }

    /// <summary>Charter signatories invited to this event by email (the Charter's invitations job).</summary>
    public int CharterInvited { get; private set; }
    [TempData] public string? Notice { get; set; }

    /// <summary>Why the event is cancelled: shown on the event page and kept with the event.</summary>
    [BindProperty] public string? CancellationReason { get; set; }

    /// <summary>Anyone has ever registered (even if since cancelled): such a draft is kept, as a record.</summary>
    public bool HasRegistrations { get; private set; }

    /// <summary>A face-to-face draft can be deleted outright; series sessions are made (and remade) by their series.</summary>
    public bool CanDeleteDraft => Event.Status == EventStatus.Draft && Event.SeriesId is null && !HasRegistrations;

    /// <summary>"Delete draft" was pressed: the page asks to confirm (a plain link, so it works without JavaScript).</summary>
    [BindProperty(SupportsGet = true, Name = "delete")] public bool ConfirmDelete { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDeleteDraftAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        ConfirmDelete = false;
        if (Event.Status != EventStatus.Draft) return Refuse("Only a draft can be deleted. A published event can be cancelled instead, which tells everyone registered.");
        if (Event.SeriesId is not null) return Refuse("Sessions of a series can't be deleted: cancel the session instead.");
        if (HasRegistrations) return Refuse("People have registered for this draft, so it can't be deleted. Cancel their places first, or publish it.");

        // The database has the last word: the draft is deleted only while it is still a draft that nobody registered for.
        var deleted = await db.Events.Where(e => e.Id == id && e.Status == EventStatus.Draft && !db.Registrations.Any(r => r.EventId == e.Id))
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0) return Refuse("This draft changed while you were looking at it, so it wasn't deleted. Have another look.");
        TempData["Notice"] = $"The draft “{Event.Title}” is deleted.";
        return Redirect("/manage/events");
    }

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Event.Status == EventStatus.Published) return Done($"{Event.Title} is already published.");
        if (Event.Status == EventStatus.Cancelled) return Refuse("This event has been cancelled, so it can't be published. Add a new event instead.");
        if (Event.IsOnline) return Refuse("Conversation Space sessions are published by their series.");
        if (HasHappened) return Refuse("This event is in the past, so it can't be published. Change its date first.");

        await db.Events.Where(e => e.Id == id && e.Status == EventStatus.Draft)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EventStatus.Published).SetProperty(e => e.UpdatedAt, clock.GetUtcNow()), cancellationToken);
        // ExecuteUpdate bypasses the EF interceptor that evicts cached pages: the lists now have one event more.
        await publicPages.EvictEventAsync(id, cancellationToken);
        // Invitations (the Charter's signatories) now rather than at the job's next minute.
        await invitations.SendNowAsync(cancellationToken);
        return Done($"{Event.Title} is published: people can find it on the events page and register.");
    }

    public async Task<IActionResult> OnPostCancelAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var reason = CancellationReason?.Trim();
        if (Event.Status == EventStatus.Cancelled) return Done($"{Event.Title} was already cancelled.");
        if (HasHappened) ModelState.AddModelError(nameof(CancellationReason), "This event has already taken place, so it can't be cancelled.");
        else if (string.IsNullOrEmpty(reason)) ModelState.AddModelError(nameof(CancellationReason), "Say why it's cancelled, for example \"Cancelled for the Christmas holiday\"");
        else if (reason.Length > 1_000) ModelState.AddModelError(nameof(CancellationReason), "The reason can be at most 1,000 characters");
        if (!ModelState.IsValid) return BadRequestPage();

        var people = Counts.Confirmed + Counts.Waitlisted;
        await desk.CancelEventAsync(id, reason, cancellationToken);
        return Done(people == 0
            ? $"{Event.Title} is cancelled. Nobody had registered."
            : $"{Event.Title} is cancelled. The {people} {(people == 1 ? "person" : "people")} registered (with a place or waiting) have been emailed.");
    }

    private IActionResult Done(string notice)
    {
        Notice = notice;
        return Redirect($"/manage/events/{Event.Id}");
    }


    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().Include(e => e.Series).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return false;
        Event = ev;
        Series = ev.Series;
        Counts = await counter.ForAsync(ev, cancellationToken);
        HasHappened = ev.StartsAt <= clock.GetUtcNow();
        HasEnded = ev.EndsAt <= clock.GetUtcNow();
        HasRegistrations = await db.Registrations.AnyAsync(r => r.EventId == id, cancellationToken);
        CharterInvited = await invitations.InvitedAsync(id, cancellationToken);
        return true;
    }
}
