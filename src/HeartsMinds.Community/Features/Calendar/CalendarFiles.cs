using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using EventStatus = HeartsMinds.Community.Features.Events.EventStatus;

namespace HeartsMinds.Community.Features.Calendar;

/// <summary>
/// The calendars people download or subscribe to: one event, the public feed of all events, and the Conversation
/// Space series as one recurring entry (an organisation's private feed is Registrations' <c>PrivateCalendarFeed</c>).
/// None carries METHOD, ORGANIZER or ATTENDEE.
/// Every DTSTAMP comes from the data (when it last changed), so the same data always gives the same bytes and an
/// unchanged feed keeps its ETag.
/// </summary>
public sealed class CalendarFiles(CommunityDb db, EventCalendar calendar, TimeProvider clock, IOptions<SiteOptions> site)
{
    /// <summary>How far back feeds go: long enough for last month's session to stay in people's calendars.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(90);

    private string SiteName => site.Value.Name;

    public async Task<(CalendarFileState State, CalendarFile? File)> EventAsync(long id, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().Visible().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return (CalendarFileState.NotFound, null);
        if (ev.Status == EventStatus.Cancelled) return (CalendarFileState.Cancelled, null);
        var name = $"{Slug(ev.Title)}-{EventTime.ToLocal(ev.StartsAt, ev.TimeZoneId):yyyy-MM-dd}.ics";
        return (CalendarFileState.Found, new CalendarFile(EventCalendar.Publish([calendar.ForPublic(ev)]), ev.UpdatedAt, name));
    }

    /// <summary>Every published event from <see cref="History"/> ago on, and cancelled ones (shown as cancelled, so they leave people's calendars).</summary>
    public async Task<CalendarFile> PublicFeedAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - History;
        var events = await db.Events.AsNoTracking().Visible()
            .Where(e => e.EndsAt > since).OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        // Over every event, not just those listed: one taken back to a draft leaves the feed, and that is a change too.
        var lastChanged = await db.Events.MaxAsync(e => (DateTimeOffset?)e.UpdatedAt, cancellationToken) ?? DateTimeOffset.UnixEpoch;
        return new CalendarFile(EventCalendar.Publish(events.Select(calendar.ForPublic).ToList(), $"{SiteName} events"),
            lastChanged, "hearts-and-minds-events.ics");
    }

    /// <summary>The current Conversation Space series as one recurring entry, or null when there is none.</summary>
    public async Task<CalendarFile?> SeriesAsync(CancellationToken cancellationToken)
    {
        var series = await ConversationSpaceModel.CurrentSeriesAsync(db, cancellationToken);
        if (series is null) return null;
        var sessions = await db.Events.AsNoTracking().Where(e => e.SeriesId == series.Id).ToListAsync(cancellationToken);
        var today = EventTime.LocalDate(clock.GetUtcNow(), series.TimeZoneId);
        var entries = SeriesCalendar.Entries(series, sessions, today, site.Value.Url("/conversation-space"), calendar.ForPublic);
        return new CalendarFile(EventCalendar.Publish(entries), LastChanged(sessions.Select(s => s.UpdatedAt).Append(series.UpdatedAt)),
            $"{Slug(series.Title)}.ics");
    }

    private static DateTimeOffset LastChanged(IEnumerable<DateTimeOffset> times) => times.DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();

    /// <summary>"Community day: Birmingham!" → "community-day-birmingham", for file names.</summary>
    private static string Slug(string title)
    {
        var slug = new string(title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "event" : slug[..Math.Min(slug.Length, 60)].TrimEnd('-');
    }
}
