using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// Where the QR code in a confirmed attendee's email leads (staff scan it at the door): that person, for that event,
/// with one big button. The code is looked up by its SHA-256 hash; the code itself is never stored.
/// </summary>
public sealed class CheckInCodeModel(CommunityDb db, TimeProvider clock) : CommunityPageModel
{
    public Attendee? Attendee { get; private set; }
    public Event Event => Attendee!.Registration.Event;
    public bool IsToday { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ? Page() : UnknownCode();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken)) return UnknownCode();
        var attendee = Attendee!;
        if (attendee.Status != AttendeeStatus.Confirmed)
        {
            ModelState.AddModelError(string.Empty, $"{attendee.Name} doesn't have a place, so they can't be checked in.");
            return BadRequestPage();
        }
        // The first scan counts: scanning twice keeps the first time.
        var changed = await db.Attendees.Where(a => a.Id == attendee.Id && a.CheckedInAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.CheckedInAt, clock.GetUtcNow()), cancellationToken);
        Notice = changed == 1 ? $"{attendee.Name} is checked in." : $"{attendee.Name} was already checked in.";
        return Redirect($"/manage/check-in/{code}");
    }

    /// <summary>A friendly 404 in the page's own words (a mistyped or old code is a normal thing at a door).</summary>
    private IActionResult UnknownCode()
    {
        Attendee = null;
        return PageWithStatus(StatusCodes.Status404NotFound);
    }

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        if (!SecretToken.LooksValid(code)) return false;
        var hash = SecretToken.Hash(code);
        Attendee = await db.Attendees.AsNoTracking().Include(a => a.Registration).ThenInclude(r => r.Event)
            .SingleOrDefaultAsync(a => a.CheckInCodeHash == hash, cancellationToken);
        if (Attendee is null) return false;
        var today = EventTime.LocalDate(clock.GetUtcNow(), Event.TimeZoneId);
        IsToday = EventTime.LocalDate(Event.StartsAt, Event.TimeZoneId) == today;
        return true;
    }
}
