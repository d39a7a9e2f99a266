using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// /board/join: joining a board with the session code staff shared in the meeting chat (or by QR code), a name and an
/// organisation, for people who came without their own link.
/// </summary>
public sealed class JoinWithCodeModel(BoardDesk desk, BoardPass pass) : CommunityPageModel
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

        if (await desk.JoinWithCodeAsync(Code!, Name!, Organisation!, cancellationToken) is not { } joined)
        {
            ModelState.AddModelError(nameof(Code), "We don't recognise that code, or its board has closed. Check it in the meeting chat.");
            return BadRequestPage();
        }
        pass.Give(Response, joined.EventId, joined.ParticipantId);
        return SeeOther(Url.Page("/LiveBoard/Index", new { eventId = joined.EventId })!);
    }
}
