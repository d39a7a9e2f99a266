using System.Text;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.LiveBoard.Manage;

/// <summary>The shared learning from an event's board as a Markdown file (<see cref="SharedLearningSummary"/>).</summary>
public sealed class SharedLearningModel(BoardDesk desk, CommunityDb db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await desk.FindAsync(id, cancellationToken) is not { } board) return NotFound();
        var markdown = SharedLearningSummary.Write(board.Event, await Exports.PostsAsync(db, board.Id, cancellationToken));
        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", $"shared-learning-{Exports.Day(board)}-event-{board.EventId}.md");
    }
}
