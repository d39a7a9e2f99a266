using HeartsMinds.Community.Platform.Email;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>A newsletter's content rendered once (HTML fragment and plain text), then framed for each recipient.</summary>
public sealed record RenderedNewsletter(long Id, string Subject, string PreviewLine, string Html, string Text)
{
    public static RenderedNewsletter Of(long id, string subject, string previewLine, string markdown) =>
        new(id, subject, previewLine, NewsletterContent.EmailHtml(markdown), NewsletterContent.PlainText(markdown));
}
