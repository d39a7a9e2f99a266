using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// The email as a recipient would get it: for staff's preview and test sends. Before sending starts the building
/// blocks are expanded from today's data; afterwards it is the content as sent.
/// </summary>
public sealed class NewsletterPreview(NewsletterBlocks blocks)
{
    public const string SampleOrganisation = "Your organisation";

    public async Task<RenderedNewsletter> RenderAsync(Newsletter newsletter, CancellationToken cancellationToken)
    {
        var markdown = newsletter.SentMarkdown ?? await blocks.ExpandAsync(newsletter.BodyMarkdown, cancellationToken);
        return RenderedNewsletter.Of(newsletter.Id, Untitled(newsletter.Subject), newsletter.PreviewLine, markdown);
    }

    /// <summary>A recipient's copy with a made-up link token: the links have the right shape but open nothing.</summary>
    public static Platform.Email.OutboxMessage SampleCopy(RenderedNewsletter rendered, SiteOptions site) =>
        NewsletterEmail.Compose(rendered, "signatory@example.org", "A signatory", SampleOrganisation,
            new string('x', 43), Guid.Empty, site);

    public static string Untitled(string subject) => string.IsNullOrWhiteSpace(subject) ? "Untitled newsletter" : subject;
}
