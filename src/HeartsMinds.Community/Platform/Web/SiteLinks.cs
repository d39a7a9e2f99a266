namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// Addresses of our own pages and calendars that leave a page: in emails, calendars and QR codes, or across features.
/// They live here, in one place, so no feature asks another's class for a link. Inside a page, prefer asp-page.
/// </summary>
public static class SiteLinks
{
    public static string EventPath(long eventId) => $"/events/{eventId}";
    public static string RegisterPath(long eventId) => $"/events/{eventId}/register";
    public static string ManagePath(string token) => $"/registrations/{token}";
    public static string CheckInPath(string code) => $"/manage/check-in/{code}";
    public static string PersonPath(string token) => $"/places/{token}";
    public static string FreePlacePath(string token, long? sessionId = null) =>
        sessionId is null ? $"/places/{token}/cancel" : $"/places/{token}/cancel?session={sessionId}";

    public const string CharterPath = "/charter";
    public static string CharterConfirmPath(string token) => $"/charter/confirm/{token}";
    public static string CharterPreferencesPath(string token) => $"/charter/preferences/{token}";
    public static string CharterUnsubscribePath(string token) => $"/charter/unsubscribe/{token}";

    public const string PublicCalendarPath = "/calendar.ics";
    public const string SeriesCalendarPath = "/conversation-space/calendar.ics";
    public static string EventCalendarPath(long eventId) => $"/events/{eventId}/calendar.ics";
    public static string PrivateCalendarPath(string token) => $"/calendar/{token}.ics";

    /// <summary>An event's public page, in full.</summary>
    public static string EventLink(this SiteOptions site, long eventId) => site.Url(EventPath(eventId));

    /// <summary>An event's register form, in full: the button in a Charter invitation.</summary>
    public static string RegisterLink(this SiteOptions site, long eventId) => site.Url(RegisterPath(eventId));

    /// <summary>A registration's (or subscription's) private manage page, in full: the link in the contact's emails.</summary>
    public static string ManageLink(this SiteOptions site, string token) => site.Url(ManagePath(token));

    /// <summary>A person's own private page (their place, or their every-session registration), in full.</summary>
    public static string PersonLink(this SiteOptions site, string token) => site.Url(PersonPath(token));

    /// <summary>"Can't come?": the page that frees a person's place with one button (a session's, for every-session).</summary>
    public static string FreePlaceLink(this SiteOptions site, string token, long? sessionId = null) => site.Url(FreePlacePath(token, sessionId));

    /// <summary>The staff check-in page for one person's code, in full: what their QR code holds.</summary>
    public static string CheckInLink(this SiteOptions site, string code) => site.Url(CheckInPath(code));

    /// <summary>A signatory's confirmation link (double opt-in), in full.</summary>
    public static string CharterConfirmLink(this SiteOptions site, string token) => site.Url(CharterConfirmPath(token));

    /// <summary>A signatory's private preferences page, in full: in every email to a signatory.</summary>
    public static string CharterPreferencesLink(this SiteOptions site, string token) => site.Url(CharterPreferencesPath(token));

    /// <summary>A signatory's unsubscribe address (GET: a page with one button; POST: RFC 8058 one-click), in full.</summary>
    public static string CharterUnsubscribeLink(this SiteOptions site, string token) => site.Url(CharterUnsubscribePath(token));

    /// <summary>webcal:// for the same address: calendar apps open it as a subscription rather than a download.</summary>
    public static string Webcal(string httpsUrl) => "webcal://" + httpsUrl[(httpsUrl.IndexOf("://", StringComparison.Ordinal) + 3)..];
}
