using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// The email as a recipient would get it: for staff's preview and test sends. Before sending starts the building
/// blocks are expanded from today's data; afterwards it is the content as sent.
/// </summary>
public sealed class NewsletterPreview(CommunityDb db, NewsletterBlocks blocks, IOptions<SiteOptions> site)
{
    public const string SampleOrganisation = "Your organisation";

    public async Task<RenderedNewsletter> RenderAsync(Newsletter newsletter, CancellationToken cancellationToken)
    {
        var markdown = newsletter.SentMarkdown ?? await blocks.ExpandAsync(newsletter.BodyMarkdown, cancellationToken);
        return RenderedNewsletter.Of(newsletter.Id, Untitled(newsletter.Subject), newsletter.PreviewLine, markdown);
    }

    /// <summary>A recipient's copy of newsletter <paramref name="id"/> (null if there is none), with a made-up link
    /// token: the links have the right shape but open nothing.</summary>
    public async Task<OutboxMessage?> SampleCopyAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.Newsletters.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken) is not { } newsletter) return null;
        return NewsletterEmail.Compose(await RenderAsync(newsletter, cancellationToken), "signatory@example.org", "A signatory",
            SampleOrganisation, new string('x', 43), Guid.Empty, site.Value);
    }

    public static string Untitled(string subject) => string.IsNullOrWhiteSpace(subject) ? "Untitled newsletter" : subject;
}
