using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// /board/join: joining a board with the session code staff shared in the meeting chat (or by QR code), a name and an
/// organisation, for people who came without their own link.
/// </summary>
public sealed class JoinWithCodeModel(BoardDesk desk, BoardAccess access, BoardPass pass) : CommunityPageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Organisation { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Code = Code?.Trim();
        Name = Name?.Trim();
        Organisation = Organisation?.Trim();
        if (SessionCodes.Normalise(Code) is null)
            ModelState.AddModelError(nameof(Code), string.IsNullOrEmpty(Code)
                ? "Enter the session code from the meeting chat."
                : $"A session code is {SessionCodes.Length} letters and numbers, like K7QP2M. Check it in the meeting chat.");
        if (BoardText.Problem(Name, 100, "Your name", multiLine: false) is { } nameProblem) ModelState.AddModelError(nameof(Name), nameProblem);
        if (BoardText.Problem(Organisation, 200, "Your organisation", multiLine: false) is { } orgProblem) ModelState.AddModelError(nameof(Organisation), orgProblem);
        if (!ModelState.IsValid) return BadRequestPage();

        if (await desk.FindByCodeAsync(Code!, cancellationToken) is not { } board)
        {
            ModelState.AddModelError(nameof(Code), "We don't recognise that code, or its board has closed. Check it in the meeting chat.");
            return BadRequestPage();
        }
        var boardPage = Url.Page("/LiveBoard/Index", new { eventId = board.EventId })!;
        // This browser already joined (from its own link or the code): the same participant, not a second one with a
        // second vote; and someone a moderator removed does not come back through the code.
        var already = await access.ForAsync(HttpContext, board.EventId, cancellationToken);
        if (already.Removed)
        {
            ModelState.AddModelError(nameof(Code), "A moderator has removed you from this board.");
            return PageWithStatus(StatusCodes.Status403Forbidden);
        }
        if (already.Caller is not null) return SeeOther(boardPage);
        pass.Give(Response, board.EventId, await desk.JoinWithCodeAsync(board, Name!, Organisation!, cancellationToken));
        return SeeOther(boardPage);
    }
}
