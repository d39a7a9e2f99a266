using System.Globalization;
using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Features.Events;

/// <summary>
/// Links that open Google Calendar, Outlook.com and Microsoft 365 with the event filled in, for people whose
/// calendar lives in a browser. They carry only what the public page shows: never the joining link.
/// </summary>
public sealed record AddToCalendarLinks(string Download, string Google, string OutlookCom, string Microsoft365)
{
    // Long descriptions make links some browsers and services refuse; the event page has the rest.
    private const int MaxDetails = 800;

    public static AddToCalendarLinks For(Event ev, string eventUrl)
    {
        var details = Details(ev, eventUrl);
        var where = PublicEvents.Where(ev);
        var google = "https://calendar.google.com/calendar/render?" + Query(
            ("action", "TEMPLATE"),
            ("text", ev.Title),
            ("dates", $"{Compact(ev.StartsAt)}/{Compact(ev.EndsAt)}"),
            ("details", details),
            ("location", where),
            ("ctz", ev.TimeZoneId));
        string Outlook(string host) => $"https://{host}/calendar/deeplink/compose?" + Query(
            ("path", "/calendar/action/compose"),
            ("rru", "addevent"),
            ("subject", ev.Title),
            ("startdt", Iso(ev.StartsAt)),
            ("enddt", Iso(ev.EndsAt)),
            ("body", details),
            ("location", where));
        return new(SiteLinks.EventCalendarPath(ev.Id), google, Outlook("outlook.live.com"), Outlook("outlook.office.com"));
    }

    private static string Details(Event ev, string eventUrl)
    {
        var text = Markdown.ToPlainText(ev.Description);
        if (text.Length > MaxDetails)
            text = text[..(char.IsHighSurrogate(text[MaxDetails - 1]) ? MaxDetails - 1 : MaxDetails)].TrimEnd() + "…";
        var joining = ev.IsOnline ? "\n\n" + PublicEvents.JoiningLinkByEmail : "";
        return $"{text}{joining}\n\nAbout this event: {eventUrl}".Trim();
    }

    private static string Compact(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string Value)[] parameters) =>
        string.Join("&", parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
}
