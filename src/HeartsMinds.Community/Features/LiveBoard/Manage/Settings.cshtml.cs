using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Events.Manage;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.LiveBoard.Manage;

/// <summary>
/// /manage/events/{id}/board: one event's live board for staff: when it opens and closes, the session code, and
/// pre-moderation. Every change goes through the desk as the signed-in moderator, so open boards hear of it at once.
/// </summary>
public sealed class SettingsModel(BoardAccess access, BoardDesk desk, CommunityDb db, TimeProvider clock, IOptions<SiteOptions> site)
    : CommunityPageModel
{
    /// <summary>UK local date and time, as a datetime-local field sends it; empty for the default.</summary>
    [BindProperty] public string? OpensAt { get; set; }
    [BindProperty] public string? ClosesAt { get; set; }
    [BindProperty] public bool On { get; set; }

    [TempData] public string? Notice { get; set; }

    public Board Board { get; private set; } = null!;
    public Event Event => Board.Event;
    public BoardPhase Phase { get; private set; }
    public int Visible { get; private set; }
    public int Waiting { get; private set; }
    public int Participants { get; private set; }

    /// <summary>The address the session code opens, in full: for the meeting chat.</summary>
    public string? CodeLink => Board.SessionCode is { } code ? site.Value.BoardCodeLink(code) : null;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is null) return NotFound();
        OpensAt = ManageForm.DateTimeValue(Board.OpensAt, Event.TimeZoneId);
        ClosesAt = ManageForm.DateTimeValue(Board.ClosesAt, Event.TimeZoneId);
        return Page();
    }

    public async Task<IActionResult> OnPostTimesAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } caller) return NotFound();
        var zone = Event.TimeZoneId;
        var opens = Time(nameof(OpensAt), OpensAt, "Opening time");
        var closes = Time(nameof(ClosesAt), ClosesAt, "Closing time");
        if (ModelState.IsValid)
        {
            var opensAt = opens ?? Event.StartsAt - Board.OpensBeforeStart;
            var closesAt = closes ?? Event.EndsAt + Board.ClosesAfterEnd;
            if (closesAt <= opensAt)
                ModelState.AddModelError(nameof(ClosesAt),
                    $"The board must close after it opens: it opens at {EventTime.Describe(opensAt, zone)}. Choose a later closing time, or leave it empty for an hour after the end");
        }
        if (!ModelState.IsValid) return BadRequestPage();

        await desk.ChangeSettingsAsync(caller, board => { board.OpensAt = opens; board.ClosesAt = closes; }, cancellationToken);
        return Done("Saved: the board's opening and closing times are changed. Anyone on the board sees them now.");
    }

    /// <summary>A time typed as UK date and time; null for empty (the default) or unreadable (then a message says so).</summary>
    private DateTimeOffset? Time(string key, string? typed, string what)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (ManageForm.LocalDateTime(typed, Event.TimeZoneId) is { } instant) return instant;
        ModelState.AddModelError(key, $"{what}: enter a date and time in the years 2000 to 2100, like 2026-12-08 12:15, or leave it empty for the default");
        return null;
    }

    public async Task<IActionResult> OnPostSessionCodeAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } caller) return NotFound();
        if (!ModelState.IsValid) return BadRequestPage();
        var state = await desk.SetSessionCodeAsync(caller, On, cancellationToken);
        return Done(state.SessionCode is { } code
            ? $"The session code is on: {code}. Share it, or the address below, in the meeting chat."
            : "The session code is off: nobody new can join with a code. People already on the board stay on it.");
    }

    public async Task<IActionResult> OnPostPreModerationAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } caller) return NotFound();
        if (!ModelState.IsValid) return BadRequestPage();
        await desk.ChangeSettingsAsync(caller, board => board.PreModeration = On, cancellationToken);
        return Done(On ? "Pre-moderation is on: new posts wait for a moderator's approval." : "Pre-moderation is off: new posts appear at once, unless they contain a watched word.");
    }

    private StatusCodeResult Done(string notice)
    {
        Notice = notice;
        return SeeOther(Url.Page("/LiveBoard/Manage/Settings", new { id = Event.Id })!);
    }

    /// <summary>The board, made if need be, and the signed-in moderator as its caller; null when there is no such event.</summary>
    private async Task<BoardCaller?> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var answer = await access.ForAsync(HttpContext, id, cancellationToken);
        if (answer.Board is null) return null;
        // /manage requires staff sign-in, so the caller is always a moderator here.
        var caller = answer.Caller is { IsStaff: true } staff ? staff : throw new InvalidOperationException("The board's settings page was reached without staff sign-in.");
        Board = answer.Board;
        Phase = Board.PhaseAt(Event, clock.GetUtcNow());
        var counts = await db.BoardPosts.Where(p => p.BoardId == Board.Id)
            .GroupBy(p => p.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        Visible = counts.Where(c => c.State == PostState.Visible).Sum(c => c.Count);
        Waiting = counts.Where(c => c.State == PostState.Held).Sum(c => c.Count);
        Participants = await db.BoardParticipants.CountAsync(p => p.BoardId == Board.Id && p.RemovedAt == null, cancellationToken);
        return caller;
    }
}
