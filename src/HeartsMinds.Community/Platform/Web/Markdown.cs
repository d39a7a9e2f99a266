using Markdig;
using Microsoft.AspNetCore.Html;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// Markdown written by staff (event descriptions, newsletters) to HTML. Raw HTML in the source is not passed through:
/// it is shown as text, so nothing typed into a description can run script or restyle the page.
/// </summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .Build();

    public static IHtmlContent ToHtml(string? markdown) =>
        new HtmlString(string.IsNullOrWhiteSpace(markdown) ? "" : Markdig.Markdown.ToHtml(markdown, Pipeline));

    /// <summary>Plain text (for emails and calendar descriptions).</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdig.Markdown.ToPlainText(markdown, Pipeline).Trim();
}
