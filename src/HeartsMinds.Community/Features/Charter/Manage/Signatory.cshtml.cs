using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Charter.Manage;

/// <summary>
/// One signatory for staff: their details and choices, staff's notes, the invitations sent to them; withdrawing or
/// restoring them (on their request), and erasing them altogether (after "are you sure?").
/// </summary>
public sealed class SignatoryModel(CommunityDb db, TimeProvider clock) : CommunityPageModel
{
    public const int MaxNotes = 4_000;

    public Signatory Signatory { get; private set; } = null!;
    public IReadOnlyList<(Event Event, DateTimeOffset SentAt)> Invitations { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    [BindProperty] public string? StaffNotes { get; set; }

    /// <summary>"Erase" was pressed: the page asks to confirm (a plain link, so it works without JavaScript).</summary>
    [BindProperty(SupportsGet = true, Name = "erase")] public bool ConfirmErase { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        StaffNotes = Signatory.StaffNotes;
        return Page();
    }

    public async Task<IActionResult> OnPostNotesAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var notes = string.IsNullOrWhiteSpace(StaffNotes) ? null : StaffNotes.Trim();
        if (notes?.Length > MaxNotes)
        {
            ModelState.AddModelError(nameof(StaffNotes), $"Notes can be at most {MaxNotes:N0} characters");
            return BadRequestPage();
        }
        if (notes?.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) == true)
        {
            ModelState.AddModelError(nameof(StaffNotes), "Notes can't contain control characters: type or paste plain text");
            return BadRequestPage();
        }
        await db.Signatories.Where(s => s.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.StaffNotes, notes).SetProperty(s => s.UpdatedAt, clock.GetUtcNow()), cancellationToken);
        return Done("Your notes are saved.");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Signatory.Status == SignatoryStatus.Withdrawn) return Done($"{Signatory.OrganisationName} had already withdrawn.");
        var now = clock.GetUtcNow();
        await db.Signatories.Where(s => s.Id == id && s.Status != SignatoryStatus.Withdrawn).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, SignatoryStatus.Withdrawn).SetProperty(s => s.WithdrawnAt, now).SetProperty(s => s.UpdatedAt, now), cancellationToken);
        return Done($"{Signatory.OrganisationName} is withdrawn from the Charter: they get no more newsletters or invitations.");
    }

    public async Task<IActionResult> OnPostRestoreAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Signatory.Status != SignatoryStatus.Withdrawn) return Done($"{Signatory.OrganisationName} hasn't withdrawn, so there's nothing to restore.");
        // Back to where they were: confirmed if they ever confirmed, otherwise still waiting for them to confirm.
        var status = Signatory.ConfirmedAt is null ? SignatoryStatus.Pending : SignatoryStatus.Confirmed;
        await db.Signatories.Where(s => s.Id == id && s.Status == SignatoryStatus.Withdrawn).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, status).SetProperty(s => s.WithdrawnAt, (DateTimeOffset?)null).SetProperty(s => s.UpdatedAt, clock.GetUtcNow()), cancellationToken);
        return Done(status == SignatoryStatus.Confirmed
            ? $"{Signatory.OrganisationName} is a confirmed signatory again."
            : $"{Signatory.OrganisationName} is restored, as pending: they never confirmed their signature.");
    }

    public async Task<IActionResult> OnPostEraseAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        // Their links and invitation records go with them (cascade): nothing about them is left to find.
        await db.Signatories.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
        Notice = $"{Signatory.OrganisationName} is erased: everything we held about them as a signatory is deleted.";
        return Redirect("/manage/charter");
    }

    private IActionResult Done(string notice)
    {
        Notice = notice;
        return Redirect($"/manage/charter/{Signatory.Id}");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var signatory = await db.Signatories.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (signatory is null) return false;
        Signatory = signatory;
        var invitations = await (from i in db.CharterInvitations.AsNoTracking()
                                 join e in db.Events.AsNoTracking() on i.EventId equals e.Id
                                 where i.SignatoryId == id
                                 orderby i.CreatedAt descending, e.StartsAt
                                 select new { Event = e, i.CreatedAt }).ToListAsync(cancellationToken);
        Invitations = invitations.Select(i => (i.Event, i.CreatedAt)).ToList();
        return true;
    }
}
