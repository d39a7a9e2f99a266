using System.Net;
using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// The frame every email shares, in HTML and in plain text: the Partnership's heart and name at the top, one
/// readable column, a warm sign-off, and a footer with our contact address and why this person got the email.
/// </summary>
/// <remarks>
/// Email clients are not browsers: many strip &lt;style&gt; and &lt;head&gt;, so every style is inline; Outlook on
/// Windows lays out with Word, which ignores max-width, so the column sits in tables (with a fixed-width table only
/// Outlook sees). The heart is a character (U+2665 plus U+FE0E, "show as text, not emoji") in the brand colour rather
/// than a picture: remote images are blocked by most clients until the reader allows them, and an inline image in
/// every email would show up as a stray attachment in some clients. Colours are the site's (wwwroot/css/site.css).
/// </remarks>
public static class EmailLayout
{
    public const string PartnershipName = "Hearts and Minds Partnership";
    public const string SignOff = "With warm wishes,";
    public const string SignedBy = "The " + PartnershipName;

    /// <summary>The heart, as text: U+2665 followed by the text-presentation selector.</summary>
    private const string Heart = "\u2665\uFE0E";

    /// <summary>"-- " on its own line: mail clients know what follows is the footer (and may fade it).</summary>
    private const string SignatureSeparator = "-- ";

    // The site's palette: ink on white, the brand's deep rose for the heart, links and buttons, sand around.
    public const string Ink = "#2b2320";
    public const string InkSoft = "#5c4f49";
    public const string Brand = "#9b2242";
    public const string Sand = "#f7ebe0";
    public const string SandEdge = "#e4d3c5";
    private const string Paper = "#fffaf5";
    public const string Font = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;";

    public static string DefaultReason(SiteOptions site) =>
        $"You're getting this email because this address was given to {site.Name}.";

    public static string Text(SiteOptions site, string content, string reason) =>
        $"""
        {Heart} {PartnershipName}
        {new string('=', PartnershipName.Length + 2)}

        {content.TrimEnd()}

        {SignOff}
        {SignedBy}

        {SignatureSeparator}
        Questions? Write to us at {site.ContactEmail}: we're always glad to help.
        {reason}
        {site.Name}: {site.BaseUrl.TrimEnd('/')}

        """;

    /// <param name="preheader">The line inbox lists show after the subject: hidden in the email itself.</param>
    public static string Html(SiteOptions site, string subject, string content, string reason, string? preheader = null)
    {
        var contact = Encode(site.ContactEmail);
        var home = Encode(site.BaseUrl.TrimEnd('/') + "/");
        return $"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light">
            <title>{Encode(subject)}</title>
            </head>
            <body style="margin:0;padding:0;background-color:{Sand};">
            {Preheader(preheader)}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:{Sand};">
            <tr><td align="center" style="padding:16px 8px;">
            <!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border-top:6px solid {Brand};border-radius:6px;">
            <tr><td style="padding:20px 24px 4px;{Font}font-size:20px;line-height:1.3;font-weight:bold;color:{Ink};">
            <span style="color:{Brand};font-size:26px;" aria-hidden="true">{Heart}</span>&nbsp;{PartnershipName}
            </td></tr>
            <tr><td style="padding:12px 24px 8px;{Font}font-size:16px;line-height:1.5;color:{Ink};">
            {content}<p style="margin:24px 0 16px;">{SignOff}<br>{SignedBy}</p>
            </td></tr>
            <tr><td style="padding:16px 24px;background-color:{Paper};border-top:1px solid {SandEdge};{Font}font-size:14px;line-height:1.5;color:{InkSoft};">
            <p style="margin:0 0 8px;">Questions? Write to us at <a href="mailto:{contact}" style="color:{Brand};">{contact}</a>: we're always glad to help.</p>
            <p style="margin:0 0 8px;">{Encode(reason)}</p>
            <p style="margin:0;"><a href="{home}" style="color:{Brand};">{Encode(site.Name)}</a></p>
            </td></tr>
            </table>
            <!--[if mso]></td></tr></table><![endif]-->
            </td></tr>
            </table>
            </body>
            </html>

            """;
    }

    /// <summary>Hidden in every client (Outlook needs mso-hide), but read first by the ones that show a preview line.</summary>
    private static string Preheader(string? text) => string.IsNullOrWhiteSpace(text) ? "" :
        $"<div style=\"display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;\">{Encode(text)}</div>";

    public static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>");
}
