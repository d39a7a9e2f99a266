using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events.Manage;

/// <summary>How the places on one event stand: what staff look at first.</summary>
public sealed record PlaceCounts(int Capacity, int Confirmed, int Waitlisted, int Cancelled, int CheckedIn)
{
    /// <summary>Never below zero, even when places were lowered below the people who already hold one.</summary>
    public int Left => Math.Max(0, Capacity - Confirmed);

    public static PlaceCounts Empty(Event ev) => new(ev.Capacity, 0, 0, 0, 0);

    /// <summary>Counts for many events in one query.</summary>
    public static async Task<Dictionary<long, PlaceCounts>> ForAsync(CommunityDb db, IReadOnlyCollection<Event> events, CancellationToken cancellationToken = default)
    {
        var ids = events.Select(e => e.Id).ToList();
        var rows = await db.Attendees.AsNoTracking()
            .Where(a => ids.Contains(a.EventId))
            .GroupBy(a => new { a.EventId, a.Status })
            .Select(g => new { g.Key.EventId, g.Key.Status, Count = g.Count(), CheckedIn = g.Count(a => a.CheckedInAt != null) })
            .ToListAsync(cancellationToken);
        return events.ToDictionary(e => e.Id, e =>
        {
            int Of(AttendeeStatus status) => rows.Where(r => r.EventId == e.Id && r.Status == status).Sum(r => r.Count);
            var checkedIn = rows.Where(r => r.EventId == e.Id && r.Status == AttendeeStatus.Confirmed).Sum(r => r.CheckedIn);
            return new PlaceCounts(e.Capacity, Of(AttendeeStatus.Confirmed), Of(AttendeeStatus.Waitlisted), Of(AttendeeStatus.Cancelled), checkedIn);
        });
    }

    public static async Task<PlaceCounts> ForAsync(CommunityDb db, Event ev, CancellationToken cancellationToken = default) =>
        (await ForAsync(db, [ev], cancellationToken))[ev.Id];
}

/// <summary>Words (and tag classes) for an event's kind and status, the same on every staff page.</summary>
public static class EventLabels
{
    public static string Kind(Event ev) => ev.IsOnline ? "Online" : "In person";
    public static string KindTag(Event ev) => ev.IsOnline ? "tag tag--online" : "tag tag--in-person";

    public static string Status(Event ev) => ev.Status switch
    {
        EventStatus.Draft => "Draft",
        EventStatus.Published => "Published",
        _ => "Cancelled",
    };

    public static string StatusTag(Event ev) => ev.Status switch
    {
        EventStatus.Published => "tag tag--open",
        EventStatus.Cancelled => "tag tag--full",
        _ => "tag",
    };

    /// <summary>Where staff change an event: online sessions have their own, shorter form.</summary>
    public static string EditLink(Event ev) => !ev.IsOnline ? $"/manage/events/{ev.Id}/edit" : $"/manage/conversation-space/sessions/{ev.Id}/edit";

    /// <summary>In-person events are checked in at the door; online sessions have attendance marked.</summary>
    public static string AttendanceLink(Event ev) => ev.IsOnline ? $"/manage/events/{ev.Id}/attendance" : $"/manage/events/{ev.Id}/check-in";
    public static string AttendanceName(Event ev) => ev.IsOnline ? "Attendance" : "Check-in";
}
