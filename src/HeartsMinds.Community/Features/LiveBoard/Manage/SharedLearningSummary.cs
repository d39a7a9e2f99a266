using System.Text;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Features.LiveBoard.Manage;

/// <summary>
/// The shared learning from one board, as Markdown for the newsletter and for notes: the event, then the posts staff
/// marked for the newsletter, then the rest, most-voted first. Only posts everyone could see; a named post says who
/// shared it, an anonymous one says "Anonymous". Everything people typed is escaped (<see cref="MarkdownText"/>).
/// </summary>
public static class SharedLearningSummary
{
    public static string Write(Event ev, IEnumerable<BoardPost> posts)
    {
        var learning = posts.Where(p => p.Kind == PostKind.Learning && p.State == PostState.Visible)
            .OrderByDescending(p => p.Votes).ThenBy(p => p.CreatedAt).ToList();
        var marked = MarkedForNewsletter(learning);
        var others = learning.Where(p => !p.ForNewsletter).ToList();

        var md = new StringBuilder();
        md.Append("# Shared learning: ").Append(MarkdownText.Line(ev.Title)).Append("\n\n");
        md.Append(EventTime.When(ev)).Append(" (UK time). "); // our own words: nothing to escape
        md.Append(learning.Count switch
        {
            0 => "Nobody shared learning on the live board.",
            1 => "One piece of shared learning from the live board",
            var n => $"{n} pieces of shared learning from the live board",
        });
        if (learning.Count > 0) md.Append(marked.Count == 0 ? "." : $", {marked.Count} marked for the newsletter.");
        md.Append("\n\n");

        if (marked.Count > 0) Section(md, "For the newsletter", marked);
        if (others.Count > 0) Section(md, marked.Count > 0 ? "Also shared on the board" : "Shared on the board", others);
        return md.ToString();
    }

    /// <summary>
    /// The shared learning staff marked for the newsletter that everyone could see, most-voted first: what the
    /// newsletter's shared-learning block quotes.
    /// </summary>
    public static IReadOnlyList<BoardPost> MarkedForNewsletter(IEnumerable<BoardPost> posts) =>
        posts.Where(p => p.Kind == PostKind.Learning && p.State == PostState.Visible && p.ForNewsletter)
            .OrderByDescending(p => p.Votes).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id).ToList();

    private static void Section(StringBuilder md, string heading, IEnumerable<BoardPost> posts)
    {
        md.Append("## ").Append(heading).Append("\n\n");
        foreach (var post in posts)
        {
            md.Append(MarkdownText.Quote(post.Body)).Append("\n\n");
            var who = post.Anonymous ? "Anonymous" : post.Participant.Byline;
            md.Append("— ").Append(MarkdownText.Line(who)).Append(post.Votes switch { 0 => "", 1 => " (1 vote)", var n => $" ({n} votes)" }).Append("\n\n");
            if (post.StaffReply is { Length: > 0 } reply)
                md.Append("*Reply from the Hearts \\& Minds team:* ").Append(MarkdownText.Line(reply)).Append("\n\n");
        }
    }
}
