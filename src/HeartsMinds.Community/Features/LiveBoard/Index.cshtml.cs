using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// /board/{eventId}: an event's live board. Participants (with a pass) read, post, vote and report; signed-in staff
/// moderate on the same page. Without JavaScript every action is a plain form and the page is the answer; with it,
/// board.js sends the same actions through the hub and applies every numbered change live.
/// </summary>
[PrivatePage]
public sealed class IndexModel(BoardAccess access, BoardDesk desk, TimeProvider clock) : CommunityPageModel
{
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "edit")] public long? EditPostId { get; set; }

    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public bool Anonymous { get; set; }
    [BindProperty] public long PostId { get; set; }
    [BindProperty] public bool Up { get; set; }
    [BindProperty] public string? Action { get; set; }
    [BindProperty] public long ParticipantId { get; set; }
    [BindProperty] public bool On { get; set; }

    [TempData] public string? Notice { get; set; }

    public Board Board { get; private set; } = null!;
    public Event Event => Board.Event;
    public BoardCaller? Caller { get; private set; }
    public bool Removed { get; private set; }
    public BoardSync? Sync { get; private set; }
    public BoardPhase Phase { get; private set; }
    public bool IsStaff => Caller?.IsStaff == true;
    public bool Newest => Sort == "newest";
    public IReadOnlyList<PostCard> Cards { get; private set; } = [];
    public IReadOnlyList<PostCard> Queue { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long eventId, CancellationToken cancellationToken) =>
        await LoadAsync(eventId, cancellationToken) ?? (Caller is null ? PageWithStatus(Removed ? StatusCodes.Status403Forbidden : StatusCodes.Status200OK) : Page());

    public Task<IActionResult> OnPostPostAsync(long eventId, CancellationToken ct) =>
        ActAsync(eventId, caller => desk.PostAsync(caller, Kind == "learning" ? PostKind.Learning : PostKind.Question, Body, Anonymous, ct),
            view => view.State == "held" ? "Thank you: your post is waiting for a moderator. Others will see it once it's approved." : "Your post is on the board.", ct);

    public Task<IActionResult> OnPostEditAsync(long eventId, CancellationToken ct) =>
        ActAsync(eventId, caller => desk.EditAsync(caller, PostId, Body, ct), _ => "Your post is changed.", ct);

    public Task<IActionResult> OnPostDeleteAsync(long eventId, CancellationToken ct) =>
        ActAsync(eventId, caller => desk.DeleteAsync(caller, PostId, ct), _ => "Your post is deleted.", ct);

    public Task<IActionResult> OnPostVoteAsync(long eventId, CancellationToken ct) =>
        ActAsync(eventId, caller => desk.VoteAsync(caller, PostId, Up, ct), _ => Up ? "Your vote is counted." : "Your vote is taken back.", ct);

    public Task<IActionResult> OnPostReportAsync(long eventId, CancellationToken ct) =>
        ActAsync(eventId, caller => desk.ReportAsync(caller, PostId, ct), _ => "Thank you: a moderator will look at that post.", ct);

    public Task<IActionResult> OnPostModerateAsync(long eventId, CancellationToken ct) =>
        ActAsync(eventId, caller => desk.ModerateAsync(caller, PostId,
            Enum.TryParse<ModerationAction>(Action, ignoreCase: true, out var action) && Enum.IsDefined(action)
                ? action : throw new BoardRefusedException("There is no such moderation action."), ct), _ => "Done.", ct);

    public Task<IActionResult> OnPostReplyAsync(long eventId, CancellationToken ct) =>
        ActAsync(eventId, caller => desk.ReplyAsync(caller, PostId, Body, ct), view => view.Reply is null ? "The reply is taken away." : "Your reply is under the post.", ct);

    public Task<IActionResult> OnPostRemoveAsync(long eventId, CancellationToken ct) =>
        ActAsync(eventId, async caller => { await desk.RemoveParticipantAsync(caller, ParticipantId, ct); return true; }, _ => "They are removed from the board.", ct);

    public Task<IActionResult> OnPostPreModerationAsync(long eventId, CancellationToken ct) =>
        ActAsync(eventId, caller => desk.ChangeSettingsAsync(caller, board => board.PreModeration = On, ct),
            _ => On ? "Pre-moderation is on: new posts wait for approval." : "Pre-moderation is off: new posts appear at once.", ct);

    /// <summary>Does one thing for the caller; then back to the board (303), or the board again with the refusal and its status.</summary>
    private async Task<IActionResult> ActAsync<T>(long eventId, Func<BoardCaller, Task<T>> work, Func<T, string> done, CancellationToken cancellationToken)
    {
        if (await LoadAsync(eventId, cancellationToken) is { } notFound) return notFound;
        if (Caller is not { } caller)
            return Refuse(Removed ? "A moderator has removed you from this board." : "Join the board first: use the link in your email, or the session code.", StatusCodes.Status403Forbidden);
        try
        {
            Notice = done(await work(caller));
        }
        catch (BoardRefusedException refused)
        {
            await LoadAsync(eventId, cancellationToken);
            return Refuse(refused.Message, refused.Status);
        }
        var anchor = PostId > 0 ? $"#post-{PostId}" : "";
        return SeeOther(Url.Page("/LiveBoard/Index", new { eventId, sort = Sort })! + anchor);
    }

    private PageResult Refuse(string message, int status)
    {
        ModelState.AddModelError(string.Empty, message);
        return PageWithStatus(status);
    }

    /// <summary>Loads the board and, for a caller, everything on it; a 404 result when there is no such event.</summary>
    private async Task<IActionResult?> LoadAsync(long eventId, CancellationToken cancellationToken)
    {
        var answer = await access.ForAsync(HttpContext, eventId, cancellationToken);
        if (answer.Board is null) return NotFound();
        Board = answer.Board;
        Caller = answer.Caller;
        Removed = answer.Removed;
        var now = clock.GetUtcNow();
        Phase = Board.PhaseAt(Event, now);
        if (Caller is null) return null;

        Sync = await desk.SyncAsync(Caller, 0, cancellationToken);
        var mine = Sync.MyPosts.ToHashSet();
        var votes = Sync.MyVotes.ToHashSet();
        var open = Phase == BoardPhase.Open;
        var cards = Sync.Posts
            .Where(p => p.State != "deleted" && (IsStaff || p.State != "held" || mine.Contains(p.Id)))
            .Select(p => new PostCard(p, mine.Contains(p.Id), votes.Contains(p.Id),
                mine.Contains(p.Id) && open && p.State is "visible" or "held" && now - p.CreatedAt < BoardPost.EditableFor,
                IsStaff, open, EditPostId == p.Id, Event.TimeZoneId))
            .ToList();
        // Moderators find held and reported posts in their queue rather than in the list (each post in one place).
        Queue = IsStaff ? cards.Where(InQueue).OrderBy(c => c.View.CreatedAt).ToList() : [];
        Cards = Order(cards.Where(c => !IsStaff || !InQueue(c)), Newest);
        return null;
    }

    private static bool InQueue(PostCard card) => card.Held || card.View.Reports > 0 && card.Visible;

    /// <summary>Pinned first; then most votes (oldest first among equals), or newest first.</summary>
    public static IReadOnlyList<PostCard> Order(IEnumerable<PostCard> cards, bool newest) =>
        (newest
            ? cards.OrderByDescending(c => c.View.Pinned).ThenByDescending(c => c.View.CreatedAt)
            : cards.OrderByDescending(c => c.View.Pinned).ThenByDescending(c => c.View.Votes).ThenBy(c => c.View.CreatedAt))
        .ToList();
}
