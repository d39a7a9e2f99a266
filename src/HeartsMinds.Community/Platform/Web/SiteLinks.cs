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

    /// <summary>The live board from a person's own link: their place's board (for every session, the current or next one's).</summary>
    public static string BoardJoinPath(string token) => $"/places/{token}/board";

    /// <summary>Joining a live board with its session code, the code filled in: what the presenter view's QR code holds.</summary>
    public static string BoardCodePath(string code) => $"/board/join?code={Uri.EscapeDataString(code)}";

    /// <summary>The staff page of one event's live board: its times, session code and pre-moderation.</summary>
    public static string BoardSettingsPath(long eventId) => $"/manage/events/{eventId}/board";

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

    /// <summary>"During the session: …": the live board from a person's own link, in full.</summary>
    public static string BoardJoinLink(this SiteOptions site, string token) => site.Url(BoardJoinPath(token));

    /// <summary>Joining a live board with its session code, in full.</summary>
    public static string BoardCodeLink(this SiteOptions site, string code) => site.Url(BoardCodePath(code));

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
