using System.Globalization;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.LiveBoard.Manage;

/// <summary>
/// Every post on an event's board as a spreadsheet, for staff after the session: all but those their authors deleted,
/// with who posted each (also the anonymous ones: staff always see who posted). Csv makes formulas inert.
/// </summary>
public sealed class PostsCsvModel(BoardDesk desk, CommunityDb db) : PageModel
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await desk.FindAsync(id, cancellationToken) is not { } board) return NotFound();
        var posts = await Exports.PostsAsync(db, board.Id, cancellationToken);
        var zone = board.Event.TimeZoneId;

        static string YesNo(bool value) => value ? "Yes" : "No";
        var csv = new Csv().Row("Posted (UK time)", "Kind", "State", "Posted by", "Anonymous", "Post", "Votes", "Reports",
            "Answered", "Pinned", "Staff reply", "For the newsletter", "Held because", "Edited");
        foreach (var p in posts)
        {
            csv.Row(EventTime.ToLocal(p.CreatedAt, zone).ToString("yyyy-MM-dd HH:mm", Uk),
                p.Kind == PostKind.Learning ? "Shared learning" : "Question",
                p.State switch { PostState.Visible => "On the board", PostState.Held => "Waiting for a moderator", _ => "Removed by a moderator" },
                p.Participant.Byline, YesNo(p.Anonymous), p.Body, p.Votes.ToString(Uk), p.Reports.ToString(Uk),
                YesNo(p.Answered), YesNo(p.Pinned), p.StaffReply, YesNo(p.ForNewsletter), p.HeldBecause, YesNo(p.EditedAt is not null));
        }

        // Names, and who wrote the anonymous posts: not to be kept by browsers or proxies.
        Response.Headers.CacheControl = "no-store";
        return File(csv.ToBytes(), "text/csv; charset=utf-8", $"live-board-{Exports.Day(board)}-event-{board.EventId}.csv");
    }
}
