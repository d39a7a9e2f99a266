using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Events.Manage;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Newsletters.Manage;

/// <summary>
/// /manage/newsletters/{id}: one newsletter. Until it starts: write it (autosaved by htmx as staff type, with the
/// email's preview beside it), send a test to staff, schedule it or send it now, cancel the schedule. Once it has
/// started: its progress (polled), pause and resume, and the way to the delivery report.
/// </summary>
public sealed class EditModel(CommunityDb db, NewsletterDesk desk, NewsletterPreview preview, OutboxSignal outbox,
    TimeProvider clock, IOptions<SiteOptions> site) : CommunityPageModel
{
    public static readonly string[] FieldOrder = [nameof(Subject), nameof(PreviewLine), nameof(Body), nameof(TestTo), nameof(ScheduleAt)];

    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? PreviewLine { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public List<string> TestTo { get; set; } = [];
    [BindProperty] public string? ScheduleAt { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    [TempData] public string? Notice { get; set; }

    public Newsletter Newsletter { get; private set; } = null!;
    public int Audience { get; private set; }
    public NewsletterProgress? Progress { get; private set; }
    public IReadOnlyList<(string Email, string Name)> StaffAddresses { get; private set; } = [];
    public RenderedNewsletter? Plain { get; private set; }

    /// <summary>Its time has come and the start job is writing its audience: shown as sending, without the editor.</summary>
    public bool Starting => Newsletter.Status == NewsletterStatus.Scheduled && Newsletter.ScheduledFor <= clock.GetUtcNow();

    /// <summary>Set when "Send now" needs a second click: the question, and the audience it would go to.</summary>
    public bool AskToConfirmSendNow { get; private set; }

    private string Staff => User.Identity?.Name ?? "";
    private string Here => NewsletterLinks.ManagePath(Newsletter.Id);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Subject = Newsletter.Subject;
        PreviewLine = Newsletter.PreviewLine;
        Body = Newsletter.BodyMarkdown;
        ScheduleAt = ManageForm.DateTimeValue(Newsletter.ScheduledFor, EventTime.UkZoneId);
        TestTo = [Staff];
        return await ShowAsync(Page(), cancellationToken);
    }

    /// <summary>Saves the draft: the button without JavaScript, and htmx's autosave as staff type (answered with the preview panel).</summary>
    public async Task<IActionResult> OnPostSaveAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!Newsletter.Editable) return await ConflictAsync("It has started sending, so it can no longer be changed.", cancellationToken);
        CheckContent(required: false);
        if (!ModelState.IsValid)
        {
            if (!Request.IsHtmx()) return await ShowAsync(BadRequestPage(), cancellationToken);
            var problem = Partial("_PreviewPanel", this);
            problem.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(problem, cancellationToken);
        }
        await SaveAsync(cancellationToken);
        if (!Request.IsHtmx()) return Done("Saved.");
        await LoadAsync(id, cancellationToken);
        return await ShowAsync(Partial("_PreviewPanel", this), cancellationToken);
    }

    public async Task<IActionResult> OnPostTestAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Newsletter.Editable)
        {
            CheckContent(required: true);
            if (ModelState.IsValid) await SaveAsync(cancellationToken);
        }
        StaffAddresses = await StaffAddressesAsync(cancellationToken);
        var staff = StaffAddresses.Select(s => s.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var chosen = TestTo.Where(staff.Contains).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (chosen.Count == 0 || chosen.Count != TestTo.Distinct(StringComparer.OrdinalIgnoreCase).Count())
            ModelState.AddModelError(nameof(TestTo), "Choose one or more staff members to send the test to");
        if (!ModelState.IsValid) return await ShowAsync(BadRequestPage(), cancellationToken);

        await LoadAsync(id, cancellationToken);
        var rendered = await preview.RenderAsync(Newsletter, cancellationToken);
        foreach (var address in chosen)
            db.OutboxMessages.Add(NewsletterEmail.ComposeTest(rendered, address, site.Value));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return Done($"The test is on its way to {string.Join(", ", chosen)}. It is marked as a test in the subject and at the top.");
    }

    public async Task<IActionResult> OnPostScheduleAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!Newsletter.Editable) return await ConflictAsync("It has already started sending.", cancellationToken);
        CheckContent(required: true);
        var at = string.IsNullOrWhiteSpace(ScheduleAt) ? null : ManageForm.LocalDateTime(ScheduleAt, EventTime.UkZoneId);
        if (at is null)
            ModelState.AddModelError(nameof(ScheduleAt), "Enter the date and time to send it (UK time), like 2026-12-08 09:00");
        else if (at <= clock.GetUtcNow())
            ModelState.AddModelError(nameof(ScheduleAt), $"{EventTime.Describe(at.Value, EventTime.UkZoneId)} has passed: choose a later time, or send it now");
        if (!ModelState.IsValid) return await ShowAsync(BadRequestPage(), cancellationToken);

        await SaveAsync(cancellationToken);
        if (!await desk.ScheduleAsync(id, at!.Value, Staff, cancellationToken)) return await ConflictAsync("It started sending meanwhile.", cancellationToken);
        return Done($"Scheduled: it will start sending on {EventTime.Describe(at.Value, EventTime.UkZoneId)} (UK time). You can change it or cancel until then.");
    }

    /// <summary>Asks once ("send it to N signatories now?"), then sends on the second click: works without JavaScript.</summary>
    public async Task<IActionResult> OnPostSendNowAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!Newsletter.Editable) return await ConflictAsync("It has already started sending.", cancellationToken);
        CheckContent(required: true);
        if (!ModelState.IsValid) return await ShowAsync(BadRequestPage(), cancellationToken);
        await SaveAsync(cancellationToken);
        if (!Confirmed)
        {
            await LoadAsync(id, cancellationToken);
            AskToConfirmSendNow = true;
            return await ShowAsync(Page(), cancellationToken);
        }
        if (!await desk.SendNowAsync(id, Staff, cancellationToken)) return await ConflictAsync("It started sending meanwhile.", cancellationToken);
        return Done("Sending has started. This page shows how it is going.");
    }

    public async Task<IActionResult> OnPostCancelScheduleAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        return await desk.CancelScheduleAsync(id, Staff, cancellationToken)
            ? Done("The schedule is cancelled: it is a draft again, and nothing has been sent.")
            : await ConflictAsync("It was not scheduled: it may have started sending already.", cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!await desk.DeleteDraftAsync(id, cancellationToken)) return await ConflictAsync("Only a draft can be deleted: cancel its schedule first.", cancellationToken);
        Notice = $"Deleted the draft “{NewsletterPreview.Untitled(Newsletter.Subject)}”.";
        return SeeOther(NewsletterLinks.ManageListPath);
    }

    public async Task<IActionResult> OnPostPauseAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        return await desk.PauseAsync(id, Staff, cancellationToken)
            ? Done("Paused: no more messages start until you resume. Messages already on their way finish.")
            : await ConflictAsync("It is not sending, so there is nothing to pause.", cancellationToken);
    }

    public async Task<IActionResult> OnPostResumeAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        return await desk.ResumeAsync(id, Staff, cancellationToken)
            ? Done("Resumed: sending carries on from where it stopped.")
            : await ConflictAsync("It is not paused.", cancellationToken);
    }

    /// <summary>The progress panel alone, for htmx's polling, which it tells to stop once the send is over.</summary>
    public async Task<IActionResult> OnGetProgressAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Newsletter.Status == NewsletterStatus.Sent) Response.StopPolling();
        Progress = await NewsletterProgress.ReadAsync(db, id, cancellationToken);
        return Partial("_Progress", this);
    }

    /// <summary>A scheduled newsletter's page asks now and then whether it has started; once it has, htmx reloads it
    /// (it can no longer be edited, and the progress shows instead).</summary>
    public async Task<IActionResult> OnGetWatchAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Newsletter.Status == NewsletterStatus.Scheduled && !Starting) return StatusCode(StatusCodes.Status204NoContent);
        Response.Htmx(h => h.Refresh());
        return StatusCode(StatusCodes.Status204NoContent);
    }

    private void CheckContent(bool required)
    {
        FormRules.Text(ModelState, nameof(Subject), Subject, Newsletter.SubjectMaxLength, required ? "Enter a subject" : null, "The subject");
        FormRules.Text(ModelState, nameof(PreviewLine), PreviewLine, Newsletter.PreviewLineMaxLength, null, "The preview line");
        FormRules.Text(ModelState, nameof(Body), Body, Newsletter.BodyMaxLength, required ? "Write the newsletter before sending it" : null,
            "The newsletter", multiLine: true);
    }

    private async Task SaveAsync(CancellationToken cancellationToken) =>
        await desk.SaveAsync(Newsletter.Id, Subject?.Trim() ?? "", PreviewLine?.Trim() ?? "", Body?.Trim() ?? "", Staff, cancellationToken);

    /// <summary>The newsletter as it is now in the database; false if there is none.</summary>
    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.Newsletters.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken) is not { } newsletter) return false;
        Newsletter = newsletter;
        return true;
    }

    /// <summary>What the page (or its preview panel) shows besides the newsletter, read only when it is about to be shown.</summary>
    private async Task<T> ShowAsync<T>(T result, CancellationToken cancellationToken)
    {
        if (StaffAddresses.Count == 0) StaffAddresses = await StaffAddressesAsync(cancellationToken);
        if (Newsletter.Started || Starting)
            Progress = await NewsletterProgress.ReadAsync(db, Newsletter.Id, cancellationToken);
        else
            Audience = await desk.AudienceCountAsync(cancellationToken);
        Plain = await preview.RenderAsync(Newsletter, cancellationToken);
        return result;
    }

    private async Task<IReadOnlyList<(string Email, string Name)>> StaffAddressesAsync(CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().Where(u => u.Email != null).OrderBy(u => u.DisplayName)
            .Select(u => new { u.Email, u.DisplayName }).ToListAsync(cancellationToken))
        .Select(u => (u.Email!, u.DisplayName)).ToList();

    private IActionResult Done(string notice)
    {
        Notice = notice;
        return SeeOther(Here);
    }

    private async Task<IActionResult> ConflictAsync(string message, CancellationToken cancellationToken)
    {
        ModelState.AddModelError(string.Empty, message);
        return await ShowAsync(PageWithStatus(StatusCodes.Status409Conflict), cancellationToken);
    }
}
