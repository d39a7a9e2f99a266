using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Html;

namespace HeartsMinds.Community.Features.Newsletters;

// PLACEHOLDER until the content helper's branch is merged (same contract).
public static class NewsletterContent
{
    public const string UpcomingEventsBlock = "{{upcoming-events}}";
    public const string SharedLearningBlock = "{{shared-learning}}";
    public static string EmailHtml(string markdown) => Markdown.ToHtml(markdown).ToString()!;
    public static string PlainText(string markdown) => Markdown.ToPlainText(markdown);
    public static IHtmlContent PageHtml(string markdown) => Markdown.ToHtml(markdown);
}
