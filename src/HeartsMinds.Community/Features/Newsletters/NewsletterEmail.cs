using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using static HeartsMinds.Community.Platform.Email.EmailLayout;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// One recipient's copy of a newsletter: the shared content in the email layout, with "view in your browser" at the
/// top and the recipient's own unsubscribe and preferences links at the bottom and in the List-Unsubscribe headers
/// (RFC 2369, one-click per RFC 8058). No tracking pixel, and links go where the author wrote them.
/// </summary>
public static class NewsletterEmail
{
    public const string Purpose = "newsletter";
    public const string TestPurpose = "newsletter-test";

    public static OutboxMessage Compose(RenderedNewsletter newsletter, string toAddress, string toName, string organisation,
        string linkToken, Guid messageId, SiteOptions site)
    {
        var message = Frame(newsletter, newsletter.Subject, toAddress, toName, site,
            unsubscribe: site.CharterUnsubscribeLink(linkToken), preferences: site.CharterPreferencesLink(linkToken), banner: null,
            reason: $"You're getting this because {organisation} signed the Hearts and Minds Charter and receives the newsletter.");
        message.MessageId = messageId;
        message.Purpose = Purpose;
        message.Headers["List-Id"] = $"Hearts and Minds newsletter <newsletter.{ListHost(site)}>";
        return message.WithOneClickUnsubscribe(site, linkToken);
    }

    /// <summary>A test copy for staff: marked as a test in the subject and at the top; its links lead to the Charter page.</summary>
    public static OutboxMessage ComposeTest(RenderedNewsletter newsletter, string toAddress, SiteOptions site)
    {
        var charter = site.Url(SiteLinks.CharterPath);
        var message = Frame(newsletter, $"[Test] {newsletter.Subject}", toAddress, "", site, unsubscribe: charter, preferences: charter,
            banner: "This is a test of a newsletter that has not been sent. Each recipient's copy has their own unsubscribe link; here the links lead to the Charter page.",
            reason: "You're getting this test because a member of staff sent it to you from the newsletter page.");
        message.Purpose = TestPurpose;
        return message;
    }

    private static OutboxMessage Frame(RenderedNewsletter newsletter, string subject, string toAddress, string toName, SiteOptions site,
        string unsubscribe, string preferences, string? banner, string reason)
    {
        var online = site.Url(NewsletterLinks.ArchivePath(newsletter.Id));
        var top = banner is null ? "" :
            $"<p style=\"margin:0 0 16px;padding:12px;border:2px solid {Brand};border-radius:6px;font-weight:bold;\">{Encode(banner)}</p>\n";
        var html = $"""
            {top}<p style="margin:0 0 16px;font-size:14px;color:{InkSoft};"><a href="{Encode(online)}" style="color:{Brand};">View this newsletter in your browser</a></p>
            {newsletter.Html}
            <p style="margin:24px 0 0;font-size:14px;color:{InkSoft};">Not for you any more? <a href="{Encode(unsubscribe)}" style="color:{Brand};">Unsubscribe from the newsletter</a> or <a href="{Encode(preferences)}" style="color:{Brand};">change your Charter preferences</a>.</p>
            """;
        var text = $"""
            {(banner is null ? "" : $"*** {banner} ***\n\n")}View this newsletter in your browser: {online}

            {newsletter.Text.Trim()}

            Unsubscribe from the newsletter: {unsubscribe}
            Change your Charter preferences: {preferences}
            """;
        return new OutboxMessage
        {
            ToAddress = toAddress,
            ToName = toName,
            Subject = subject,
            TextBody = EmailLayout.Text(site, text, reason),
            HtmlBody = EmailLayout.Html(site, subject, html, reason, newsletter.PreviewLine),
        };
    }

    private static string ListHost(SiteOptions site) =>
        Uri.TryCreate(site.BaseUrl, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.IdnHost : "heartsminds.local";
}
