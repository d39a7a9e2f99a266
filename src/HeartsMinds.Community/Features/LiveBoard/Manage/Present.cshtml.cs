using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Htmx;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.LiveBoard.Manage;

/// <summary>
/// /manage/events/{id}/board/present: the board for sharing on a screen. Large type; the pinned posts and the top
/// questions; the session code with a QR code of its address. htmx asks for the live part again every few seconds
/// (this same address, answered with just that part); without JavaScript, a refresh link does the same.
/// Posts are shown as participants see them, so an anonymous post never shows its author's name here.
/// </summary>
public sealed class PresentModel(BoardDesk desk, CommunityDb db, TimeProvider clock, IOptions<SiteOptions> site) : PageModel
{
    /// <summary>How many of the most-voted questions the screen has room for.</summary>
    public const int TopQuestions = 6;

    /// <summary>Seconds between htmx's requests for the live part.</summary>
    public const int RefreshSeconds = 5;

    public Board Board { get; private set; } = null!;
    public Event Event => Board.Event;
    public BoardPhase Phase { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<PostView> Pinned { get; private set; } = [];
    public IReadOnlyList<PostView> Top { get; private set; } = [];
    public string? CodeLink { get; private set; }
    public QrCodeDrawing? Qr { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await desk.FindAsync(id, cancellationToken) is not { } board) return NotFound();
        Board = board;
        Now = clock.GetUtcNow();
        Phase = board.PhaseAt(Event, Now);
        var visible = (await db.BoardPosts.AsNoTracking().Include(p => p.Participant)
                .Where(p => p.BoardId == board.Id && p.State == PostState.Visible)
                .ToListAsync(cancellationToken))
            .Select(PostView.ForParticipants)
            .ToList();
        Pinned = visible.Where(p => p.Pinned).OrderByDescending(p => p.Votes).ThenBy(p => p.CreatedAt).ToList();
        Top = visible.Where(p => !p.Pinned && p.Kind == PostView.KindName(PostKind.Question))
            .OrderByDescending(p => p.Votes).ThenBy(p => p.CreatedAt).Take(TopQuestions).ToList();
        if (board.SessionCode is { } code && Phase != BoardPhase.Closed)
        {
            CodeLink = site.Value.BoardCodeLink(code);
            Qr = QrCodeDrawing.Of(CodeLink);
        }
        // Posts are personal: no browser or proxy keeps a copy.
        Response.Headers.CacheControl = "no-store";
        return Request.WantsHtmxFragment() ? Partial("_Present", this) : Page();
    }
}
