using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>/newsletters: the archive of every newsletter that has gone out, newest first.</summary>
public sealed class IndexModel(CommunityDb db) : PageModel
{
    public sealed record Issue(long Id, string Subject, string PreviewLine, DateTimeOffset SentOn);

    public IReadOnlyList<Issue> Issues { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Issues = await db.Newsletters.AsNoTracking().Where(Archived)
            .OrderByDescending(n => n.StartedAt)
            .Select(n => new Issue(n.Id, n.Subject, n.PreviewLine, n.StartedAt!.Value))
            .ToListAsync(cancellationToken);

    /// <summary>Public once sending has started: recipients' "view in your browser" links must work from the first email.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Newsletter, bool>> Archived =
        n => n.Status == NewsletterStatus.Sending || n.Status == NewsletterStatus.Paused || n.Status == NewsletterStatus.Sent;
}
