using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Security;
using HeartsMinds.Community.Platform.Web;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CalendarStatus = Ical.Net.EventStatus;
using EventStatus = HeartsMinds.Community.Features.Events.EventStatus;

namespace HeartsMinds.Community.Features.Calendar;

/// <summary>A calendar ready to send: its text, when what it shows last changed, and a file name for downloads.</summary>
public sealed record CalendarFile(string Text, DateTimeOffset LastModified, string FileName);

/// <summary>What happened when asking for an event's calendar file: it is there, never was, or was cancelled.</summary>
public enum CalendarFileState { Found, NotFound, Cancelled }

/// <summary>
/// The calendars people download or subscribe to: one event, the public feed of all events, the Conversation Space
/// series as one recurring entry, and an organisation's private feed. None carries METHOD, ORGANIZER or ATTENDEE.
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

    /// <summary>
    /// The events an organisation's contact registered people for, with who is coming. Waitlist-only ones are
    /// tentative; places all cancelled show as cancelled, so the entry leaves their calendar. No joining link: calendar
    /// services keep the feed's address for good and people share calendars; each person with a place has it in their
    /// own invitation.
    /// </summary>
    public async Task<CalendarFile?> PrivateFeedAsync(string? token, CancellationToken cancellationToken)
    {
        if (!SecretToken.LooksValid(token)) return null;
        var hash = SecretToken.Hash(token!);
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash, cancellationToken);
        if (feed is null) return null;

        var since = clock.GetUtcNow() - History;
        var registrations = await db.Registrations.AsNoTracking()
            .Include(r => r.Event).Include(r => r.Attendees)
            .Where(r => r.ContactEmail.ToLower() == feed.ContactEmailKey && r.Event.EndsAt > since
                        && (r.Event.Status == EventStatus.Published || r.Event.Status == EventStatus.Cancelled))
            .OrderBy(r => r.Event.StartsAt).ThenBy(r => r.EventId).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);

        var entries = new List<CalendarEvent>();
        var changes = new List<DateTimeOffset> { feed.CreatedAt };
        foreach (var group in registrations.GroupBy(r => r.EventId))
        {
            var ev = group.First().Event;
            var people = group.SelectMany(r => r.Attendees).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToList();
            var changed = people.SelectMany(a => new[] { a.CreatedAt, a.PromotedAt, a.CancelledAt }).OfType<DateTimeOffset>().Append(ev.UpdatedAt).Max();
            changes.Add(changed);
            var hasPlace = people.Any(a => a.Status == AttendeeStatus.Confirmed);
            var waiting = people.Any(a => a.Status == AttendeeStatus.Waitlisted);
            var entry = calendar.ForPublic(ev);
            var cancelled = ev.Status == EventStatus.Cancelled || (!hasPlace && !waiting);
            entry.DtStamp = EventCalendar.Utc(changed);
            entry.Summary = cancelled ? $"Cancelled: {ev.Title}" : hasPlace ? ev.Title : $"{ev.Title} (waitlist)";
            entry.Status = cancelled ? CalendarStatus.Cancelled : hasPlace ? CalendarStatus.Confirmed : CalendarStatus.Tentative;
            entry.Description = $"{group.First().OrganisationName}: {string.Join(", ", people.Select(Place))}.\n\n{entry.Description}";
            entries.Add(entry);
        }
        var organisation = registrations.LastOrDefault()?.OrganisationName;
        return new CalendarFile(EventCalendar.Publish(entries, organisation is null ? SiteName : $"{organisation}: {SiteName}"),
            LastChanged(changes), "our-registrations.ics");
    }

    /// <summary>A new private feed link for this contact address; any earlier link stops working.</summary>
    public async Task<string> NewPrivateFeedAsync(string contactEmail, CancellationToken cancellationToken)
    {
        var key = Attendee.KeyOf(contactEmail);
        var (token, hash) = SecretToken.Create();
        // One statement, so two clicks at once leave one feed rather than a unique-index error.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO calendar_feeds (contact_email_key, token_hash, created_at) VALUES ({key}, {hash}, {clock.GetUtcNow()})
            ON CONFLICT (contact_email_key) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at
            """, cancellationToken);
        return token;
    }

    private static string Place(Attendee a) => a.Name + a.Status switch
    {
        AttendeeStatus.Confirmed => " (has a place)",
        AttendeeStatus.Waitlisted => " (on the waitlist)",
        _ => " (cancelled)",
    };

    private static DateTimeOffset LastChanged(IEnumerable<DateTimeOffset> times) => times.DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();

    /// <summary>"Community day: Birmingham!" → "community-day-birmingham", for file names.</summary>
    private static string Slug(string title)
    {
        var slug = new string(title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "event" : slug[..Math.Min(slug.Length, 60)].TrimEnd('-');
    }
}
