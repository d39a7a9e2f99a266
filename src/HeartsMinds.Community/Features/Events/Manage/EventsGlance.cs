using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events.Manage;

/// <summary>What the staff home shows about events: the next few with their places, and registrations week by week.</summary>
public sealed record EventsGlance(IReadOnlyList<(Event Event, PlaceCounts Counts)> Next, IReadOnlyList<EventsGlance.Week> Weeks)
{
    public const int NextShown = 5;
    public const int WeeksShown = 12;

    /// <summary>People registered (with a place or waiting) in the UK week starting on <see cref="Monday"/>.</summary>
    public sealed record Week(DateOnly Monday, int People);

    public int MostInAWeek => Weeks.Count == 0 ? 0 : Weeks.Max(w => w.People);

    public static async Task<EventsGlance> LoadAsync(CommunityDb db, IPlaceCounter counter, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var next = await db.Events.AsNoTracking()
            .Where(e => e.Status == EventStatus.Published && e.EndsAt > now)
            .OrderBy(e => e.StartsAt).Take(NextShown).ToListAsync(cancellationToken);
        var counts = await counter.ForAsync(next, cancellationToken);

        var today = EventTime.LocalDate(now, EventTime.UkZoneId);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstMonday = thisMonday.AddDays(-7 * (WeeksShown - 1));
        var from = EventTime.ToInstant(firstMonday, TimeOnly.MinValue, EventTime.UkZoneId);
        // Weeks run Monday to Sunday in UK time (date_trunc's weeks start on Monday).
        var perWeek = await db.Database.SqlQuery<WeekRow>($"""
            SELECT (date_trunc('week', created_at AT TIME ZONE 'Europe/London'))::date AS "Monday", count(*)::int AS "People"
            FROM attendees WHERE created_at >= {from} GROUP BY 1
            """).ToListAsync(cancellationToken);
        var weeks = Enumerable.Range(0, WeeksShown).Select(i => firstMonday.AddDays(7 * i))
            .Select(monday => new Week(monday, perWeek.FirstOrDefault(w => w.Monday == monday)?.People ?? 0))
            .ToList();
        return new EventsGlance(next.Select(e => (e, counts[e.Id])).ToList(), weeks);
    }

    private sealed class WeekRow
    {
        public DateOnly Monday { get; set; }
        public int People { get; set; }
    }
}
