using System.Text;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Features.LiveBoard.Manage;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// The building blocks staff drop into a newsletter, expanded into plain Markdown when sending starts (and for
/// previews), so the frozen newsletter is one Markdown text and its email HTML, plain text and web page come from
/// the same source. Everything taken from the database is escaped (<see cref="MarkdownText"/>): an event title or
/// a board post can never become a link, an image or a heading in an email that goes to every signatory.
/// </summary>
public sealed partial class NewsletterBlocks(CommunityDb db, IOptions<SiteOptions> site, TimeProvider clock)
{
    public const int MostUpcomingEvents = 6;
    public const string UpcomingEventsHeading = "Upcoming sessions and events";
    public const string NoUpcomingEvents = "No upcoming events are open for registration just now.";
    public const string SharedLearningHeading = "Shared learning from the last Conversation Space";

    /// <summary>
    /// Replaces each block line ({{upcoming-events}}, {{shared-learning}}, alone on its line, spaces around allowed)
    /// with its Markdown. A shared-learning block with nothing to share goes away entirely: a reader is better served
    /// by no section than by one that says there is nothing in it.
    /// </summary>
    public async Task<string> ExpandAsync(string markdown, CancellationToken cancellationToken)
    {
        var lines = BlockLine().Split(markdown);
        if (lines.Length == 1) return markdown; // no blocks: nothing to read from the database

        var now = clock.GetUtcNow();
        string? events = null, learning = null;
        var expanded = new StringBuilder();
        foreach (var part in lines)
        {
            switch (part.Trim())
            {
                case NewsletterContent.UpcomingEventsBlock:
                    expanded.Append(events ??= await UpcomingEventsAsync(now, cancellationToken));
                    break;
                case NewsletterContent.SharedLearningBlock:
                    expanded.Append(learning ??= await SharedLearningAsync(now, cancellationToken));
                    break;
                default:
                    expanded.Append(part);
                    break;
            }
        }
        return expanded.ToString();
    }

    /// <summary>The next published sessions and events to start, each with when, where, and how to register.</summary>
    private async Task<string> UpcomingEventsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var events = await db.Events.AsNoTracking()
            .Where(e => e.Status == EventStatus.Published && e.StartsAt > now)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            .Take(MostUpcomingEvents)
            .ToListAsync(cancellationToken);

        var md = new StringBuilder();
        md.Append("## ").Append(UpcomingEventsHeading).Append("\n\n");
        if (events.Count == 0) return md.Append(NoUpcomingEvents).Append("\n\n").ToString();
        foreach (var ev in events)
        {
            // One list item per event; a backslash at a line's end is a line break inside it.
            md.Append("- **").Append(MarkdownText.Line(ev.Title)).Append("**\\\n");
            md.Append("  ").Append(MarkdownText.Line($"{PublicEvents.WhenInFull(ev)}, {Where(ev)}")).Append("\\\n");
            var (open, reason) = ev.RegistrationState(now);
            md.Append("  ");
            if (open) md.Append(Link("Register", site.Value.RegisterLink(ev.Id))).Append(" or ");
            else md.Append(MarkdownText.Line(reason!)).Append(' ');
            md.Append(Link(open ? "find out more" : "Find out more", site.Value.EventLink(ev.Id))).Append('\n');
        }
        return md.Append('\n').ToString();
    }

    /// <summary>
    /// The learning staff marked for the newsletter on the board of the most recent Conversation Space session that
    /// has ended and has some: quoted without names, since the newsletter reaches people who were not in the room.
    /// </summary>
    private async Task<string> SharedLearningAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var marked = db.BoardPosts.Where(p => p.ForNewsletter && p.State == PostState.Visible && p.Kind == PostKind.Learning);
        var board = await db.Boards.AsNoTracking().Include(b => b.Event)
            .Where(b => b.Event.Kind == EventKind.ConversationSpace && b.Event.Status != EventStatus.Cancelled && b.Event.EndsAt <= now)
            .Where(b => marked.Any(p => p.BoardId == b.Id))
            .OrderByDescending(b => b.Event.StartsAt).ThenByDescending(b => b.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (board is null) return "";

        var posts = SharedLearningSummary.MarkedForNewsletter(
            await marked.AsNoTracking().Where(p => p.BoardId == board.Id).ToListAsync(cancellationToken));
        var ev = board.Event;
        var md = new StringBuilder();
        md.Append("## ").Append(SharedLearningHeading).Append("\n\n");
        md.Append(MarkdownText.Line($"From the session on {EventTime.Day(ev.StartsAt, ev.TimeZoneId)}: {ev.Title}")).Append("\n\n");
        foreach (var post in posts)
        {
            md.Append(MarkdownText.Quote(post.Body)).Append("\n\n");
            if (post.StaffReply is { Length: > 0 } reply)
                md.Append("*Reply from the Hearts \\& Minds team:* ").Append(MarkdownText.Line(reply)).Append("\n\n");
        }
        return md.ToString();
    }

    private static string Where(Event ev) => PublicEvents.Where(ev) is { Length: > 0 } where ? where : "venue to be confirmed";

    /// <summary>A link to one of our own pages; the address in angle brackets so nothing in it can end the link early.</summary>
    private static string Link(string words, string url) => $"[{words}](<{url}>)";

    /// <summary>Splits the text around block lines, keeping them (and their line ends stay with the text around).</summary>
    [GeneratedRegex(@"(?m)(^[ \t]*\{\{(?:upcoming-events|shared-learning)\}\}[ \t]*(?=\r?$))")]
    private static partial Regex BlockLine();
}
