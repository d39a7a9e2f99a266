using HeartsMinds.Community.Features.Calendar;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Security;
using HeartsMinds.Community.Platform.Web;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CalendarStatus = Ical.Net.EventStatus;
using EventStatus = HeartsMinds.Community.Features.Events.EventStatus;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// An organisation's private calendar feed of its own registrations, at /calendar/{token}.ics. It is about places, so
/// it lives with Registrations and uses Calendar's entries. Like every feed, it carries no METHOD, ORGANIZER or ATTENDEE.
/// </summary>
public sealed class PrivateCalendarFeed(CommunityDb db, EventCalendar calendar, TimeProvider clock, IOptions<SiteOptions> site)
{
    private string SiteName => site.Value.Name;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapMethods("/calendar/{token}.ics", CalendarEndpoints.GetAndHead, async (string token, HttpContext http, PrivateCalendarFeed feeds, CancellationToken ct) =>
        {
            if (await feeds.FindAsync(token, ct) is not { } file) return Results.NotFound();
            // Only the calendar app that holds the link should keep a copy; search engines should never list it.
            http.Response.Headers["X-Robots-Tag"] = "noindex";
            return CalendarEndpoints.Send(http, file, download: false, cacheControl: "private, max-age=900");
        });

    /// <summary>
    /// The events an organisation's contact registered people for, with who is coming. Waitlist-only ones are
    /// tentative; places all cancelled show as cancelled, so the entry leaves their calendar. No joining link: calendar
    /// services keep the feed's address for good and people share calendars; each person with a place has it in their
    /// own invitation.
    /// </summary>
    public async Task<CalendarFile?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (!SecretToken.LooksValid(token)) return null;
        var hash = SecretToken.Hash(token!);
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash, cancellationToken);
        if (feed is null) return null;

        var since = clock.GetUtcNow() - CalendarFiles.History;
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
            changes.Max(), "our-registrations.ics");
    }

    /// <summary>A new private feed link for this contact address; any earlier link stops working.</summary>
    public async Task<string> NewLinkAsync(string contactEmail, CancellationToken cancellationToken)
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
}
