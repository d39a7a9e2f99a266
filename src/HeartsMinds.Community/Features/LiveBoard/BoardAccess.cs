using System.Security.Claims;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Staff;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// Decides who is calling for a board, for the hub and the pages alike: a signed-in member of staff (a moderator),
/// or the participant the request's pass names, if they are still on this board.
/// </summary>
public sealed class BoardAccess(CommunityDb db, BoardDesk desk, BoardPass pass)
{
    public sealed record Answer(Board? Board, BoardCaller? Caller, bool Removed);

    public async Task<Answer> ForAsync(HttpContext http, long eventId, CancellationToken cancellationToken = default)
    {
        var board = await desk.FindAsync(eventId, cancellationToken);
        // A draft is not announced yet: its board (and its title on the page) is there for staff only.
        if (board is null || board.Event.Status == EventStatus.Draft && !IsStaff(http.User)) return new(null, null, false);
        if (IsStaff(http.User))
            return new(board, new BoardCaller(board.Id, eventId, null, http.User.FindFirstValue(ClaimTypes.NameIdentifier)), false);
        if (pass.Read(http.Request, eventId) is not { } participantId) return new(board, null, false);
        var removedAt = await db.BoardParticipants.Where(p => p.Id == participantId && p.BoardId == board.Id)
            .Select(p => new { p.RemovedAt }).SingleOrDefaultAsync(cancellationToken);
        if (removedAt is null) return new(board, null, false);
        return removedAt.RemovedAt is null
            ? new(board, new BoardCaller(board.Id, eventId, participantId, null), false)
            : new(board, null, true);
    }

    public static bool IsStaff(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && StaffRoles.All.Any(user.IsInRole);
}
