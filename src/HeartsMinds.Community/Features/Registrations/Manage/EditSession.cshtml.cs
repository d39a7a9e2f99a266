using System.ComponentModel.DataAnnotations;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Events.Manage;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// Changes one Conversation Space session on its own (another day, another time, another joining link, more or
/// fewer places). A changed session is detached from its series, so later series edits leave it alone.
/// </summary>
public sealed class EditSessionModel(CommunityDb db, RegistrationDesk desk, NoticeWriter notices, IPlaceCounter counter, TimeProvider clock) : CommunityPageModel
{
    public static readonly string[] FieldOrder = ["Input.Date", "Input.StartTime", "Input.EndTime", "Input.JoiningUrl", "Input.Capacity"];

    public sealed class SessionInput
    {
        [Display(Name = "Date")] public string? Date { get; set; }
        [Display(Name = "Start time")] public string? StartTime { get; set; }
        [Display(Name = "End time")] public string? EndTime { get; set; }

        [Required(ErrorMessage = "Enter the joining link")]
        [StringLength(2_000, ErrorMessage = "The joining link can be at most 2,000 characters")]
        [Display(Name = "Joining link")]
        [SingleLine]
        public string? JoiningUrl { get; set; }

        [Required(ErrorMessage = "Enter the number of places")]
        [Range(0, 10_000, ErrorMessage = "Places must be a whole number from 0 to 10,000")]
        [Display(Name = "Places")]
        public int? Capacity { get; set; }

        public bool WaitlistEnabled { get; set; } = true;
    }

    [BindProperty] public SessionInput Input { get; set; } = new();
    public Event Session { get; private set; } = null!;
    public PlaceCounts Counts { get; private set; } = null!;

    /// <summary>Sent by the confirm step: staff have seen how many people will be emailed and said yes.</summary>
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>Set when saving would email people and staff haven't confirmed yet: the page asks first.</summary>
    public EmailConfirmation? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, tracked: false, cancellationToken)) return NotFound();
        if (!Session.IsOnline) return Redirect(EventLabels.EditLink(Session));
        Input = new SessionInput
        {
            Date = ManageForm.DateValue(Session.StartsAt, Session.TimeZoneId),
            StartTime = ManageForm.TimeValue(Session.StartsAt, Session.TimeZoneId),
            EndTime = ManageForm.TimeValue(Session.EndsAt, Session.TimeZoneId),
            JoiningUrl = Session.JoiningUrl,
            Capacity = Session.Capacity,
            WaitlistEnabled = Session.WaitlistEnabled,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        // Not tracked: the desk loads its own copy to change, so this one keeps showing the session as it was.
        if (!await LoadAsync(id, tracked: false, cancellationToken)) return NotFound();
        var session = Session;
        if (!session.IsOnline) ModelState.AddModelError(string.Empty, "This is a face-to-face event: change it from its own page.");
        else if (session.Status == EventStatus.Cancelled) ModelState.AddModelError(string.Empty, "This session has been cancelled, so it can't be changed.");

        ManageForm.ExplainBadNumbers(ModelState, ("Input.Capacity", "Enter the number of places as a number, like 30"));
        var date = ManageForm.Date(ModelState, "Input.Date", Input.Date, "the date of the session");
        var start = ManageForm.Time(ModelState, "Input.StartTime", Input.StartTime, "the start time");
        var end = ManageForm.Time(ModelState, "Input.EndTime", Input.EndTime, "the end time");
        if (start is not null && end is not null && end <= start)
            ModelState.AddModelError("Input.EndTime", "The end time must be after the start time");
        if (!string.IsNullOrWhiteSpace(Input.JoiningUrl) && !ManageForm.IsWebAddress(Input.JoiningUrl.Trim(), httpsOnly: true))
            ModelState.AddModelError("Input.JoiningUrl", "Enter the joining link as a full web address starting with https://");
        var now = clock.GetUtcNow();
        DateTimeOffset startsAt = default, endsAt = default;
        if (date is not null && start is not null && end is not null && end > start)
        {
            startsAt = EventTime.ToInstant(date.Value, start.Value, session.TimeZoneId);
            endsAt = EventTime.ToInstant(date.Value, end.Value, session.TimeZoneId);
            if ((startsAt != session.StartsAt || endsAt != session.EndsAt) && startsAt <= now)
                ModelState.AddModelError("Input.Date", "The session must start in the future: check the date and start time");
        }
        if (!ModelState.IsValid) return BadRequestPage();

        var changedAnything = false;
        Task<EventChanged?> Change() => desk.ChangeEventAsync(session.Id, changing =>
        {
            var before = EventFacts.Of(changing);
            var placesBefore = changing.Capacity;
            changing.StartsAt = startsAt;
            changing.EndsAt = endsAt;
            changing.JoiningUrl = Input.JoiningUrl!.Trim();
            changing.Capacity = Input.Capacity!.Value;
            changedAnything = before.ChangesTo(changing) is not null || changing.WaitlistEnabled != Input.WaitlistEnabled || placesBefore != changing.Capacity;
            changing.WaitlistEnabled = Input.WaitlistEnabled;
            if (changedAnything)
            {
                changing.DetachedFromSeries = true;
                changing.UpdatedAt = now;
            }
        }, cancellationToken);

        if (!Confirmed)
        {
            // Nothing that emails people is saved before staff have seen how many will hear of it and said yes.
            var toEmail = await EmailDryRun.PeopleAsync(db, notices, Change, cancellationToken);
            if (toEmail > 0)
            {
                Confirmation = new EmailConfirmation(toEmail,
                    "Everyone with a place (and anyone given a place from the waitlist) will get an email with the session's new details and an update for their calendar.", Input);
                return Page();
            }
        }
        var result = (await Change())!;

        var notice = new List<string> { changedAnything ? $"Saved. The session on {EventTime.Day(result.Event.StartsAt, session.TimeZoneId)} now has its own details; changes to the series will leave it alone." : "Nothing had changed." };
        if (result.ToldNotice is { } told) notice.Add(told);
        TempData["Notice"] = string.Join(" ", notice);
        return Redirect($"/manage/events/{session.Id}");
    }

    /// <summary>Undoes "changed on its own": the session takes the series' time, link and places again.</summary>
    public async Task<IActionResult> OnPostFollowSeriesAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, tracked: true, cancellationToken)) return NotFound();
        var session = Session;
        if (session.SeriesId is null) ModelState.AddModelError(string.Empty, "This session isn't part of a series.");
        else if (session.Status == EventStatus.Cancelled) ModelState.AddModelError(string.Empty, "This session has been cancelled, so it can't be changed.");
        else if (session.StartsAt <= clock.GetUtcNow()) ModelState.AddModelError(string.Empty, "This session has already started, so it can't be changed.");
        if (!ModelState.IsValid) return BadRequestPage();
        if (!session.DetachedFromSeries)
        {
            TempData["Notice"] = "This session already follows the series.";
            return Redirect($"/manage/events/{session.Id}");
        }

        var result = (await desk.ChangeEventAsync(id, changing =>
        {
            changing.DetachedFromSeries = false;
            SeriesPlanner.Follow(session.Series!, changing, clock.GetUtcNow());
        }, cancellationToken))!;
        var after = result.Event;
        var notice = $"The session on {EventTime.Day(after.StartsAt, after.TimeZoneId)} follows the series again.";
        if (result.ToldNotice is { } told) notice += " " + told;
        TempData["Notice"] = notice;
        return Redirect($"/manage/events/{id}");
    }


    private async Task<bool> LoadAsync(long id, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.Events : db.Events.AsNoTracking();
        var session = await query.Include(e => e.Series).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (session is null) return false;
        Session = session;
        Counts = await counter.ForAsync(session, cancellationToken);
        return true;
    }
}
