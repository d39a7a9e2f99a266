using System.Text;
using Microsoft.AspNetCore.Html;
using Markdown = HeartsMinds.Community.Platform.Web.Markdown;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// Staff write a newsletter in Markdown (raw HTML off). The same Markdown source becomes the email's HTML (inline
/// styles only, in the palette of EmailLayout), its plain text, and the web page, so the three always say the same.
/// </summary>
/// <remarks>
/// The email versions are written from Markdig's syntax tree by our own small writers rather than by Markdig's
/// HTML renderer: email clients drop &lt;style&gt; and classes, so every element needs its style on it, and a link
/// that may not be a link (javascript:, a relative path that means nothing in an inbox) must become its words, not an
/// empty href. Images are never shown in the email: a remote image is a tracking pixel whether meant or not.
/// </remarks>
public static class NewsletterContent
{
    /// <summary>On a line of its own: the next sessions and events, with register links (<see cref="NewsletterBlocks"/>).</summary>
    public const string UpcomingEventsBlock = "{{upcoming-events}}";

    /// <summary>On a line of its own: the learning staff marked on the last Conversation Space's live board.</summary>
    public const string SharedLearningBlock = "{{shared-learning}}";

    /// <summary>The email's HTML fragment: it goes inside EmailLayout.Html's content cell.</summary>
    public static string EmailHtml(string markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : NewsletterEmailHtml.Write(Markdown.Parse(markdown));

    /// <summary>The email's plain text: headings underlined, lists with "- " and "1. ", links as "words (url)".</summary>
    public static string PlainText(string markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : NewsletterPlainText.Write(Markdown.Parse(markdown));

    /// <summary>The web page version, in the site's own styles. All three read the source with the site's Markdown settings.</summary>
    public static IHtmlContent PageHtml(string markdown) => Markdown.ToHtml(markdown);

    /// <summary>
    /// Only addresses that work from an inbox and cannot run anything: http(s) and mailto. A relative link ("/events")
    /// would lead nowhere from an email, so it is not a link either.
    /// </summary>
    internal static bool IsEmailSafe(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";

    /// <summary>
    /// A link's address as an email gives it: spaces and other characters an address may not hold (Markdown allows
    /// &lt;https://example.org/a b&gt;) percent-encoded, so the whole address is the link in every client.
    /// </summary>
    internal static string Address(string url)
    {
        var address = new StringBuilder(url.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7f && rune.Value is not ('"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}'))
                address.Append((char)rune.Value);
            else
                foreach (var b in utf8[..rune.EncodeToUtf8(utf8)]) address.Append('%').Append(b.ToString("X2"));
        }
        return address.ToString();
    }
}
