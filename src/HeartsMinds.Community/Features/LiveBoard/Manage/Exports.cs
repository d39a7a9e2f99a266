using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.LiveBoard.Manage;

/// <summary>What the two exports read: an event's board (if it has one yet) and its posts, with who posted each.</summary>
public static class Exports
{
    public static async Task<List<BoardPost>> PostsAsync(CommunityDb db, long boardId, CancellationToken cancellationToken) =>
        await db.BoardPosts.AsNoTracking().Include(p => p.Participant)
            .Where(p => p.BoardId == boardId && p.State != PostState.Deleted)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);

    /// <summary>"2026-12-08": for a file name.</summary>
    public static string Day(Board board) => Events.EventTime.LocalDate(board.Event.StartsAt, board.Event.TimeZoneId).ToString("yyyy-MM-dd");
}
