using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Events;

/// <summary>
/// Keeps each Conversation Space series' sessions in the database for the months ahead, as real rows that staff can
/// change one at a time. Registering every-session subscribers for new sessions is Registrations' part
/// (<c>SubscriptionDesk.FillHorizonAsync</c>).
/// </summary>
public sealed class SeriesPlanner(CommunityDb db, TimeProvider clock)
{
    /// <summary>Makes the missing sessions up to the series' horizon; returns the new ones.</summary>
    public async Task<IReadOnlyList<Event>> FillHorizonAsync(long seriesId, CancellationToken cancellationToken = default)
    {
        var series = await db.ConversationSpaceSeries.SingleOrDefaultAsync(s => s.Id == seriesId, cancellationToken);
        if (series is null || !series.IsActive) return [];

        var today = EventTime.LocalDate(clock.GetUtcNow(), series.TimeZoneId);
        var from = series.StartsOn > today ? series.StartsOn : today;
        var until = today.AddMonths(series.MonthsAhead);
        var existing = await db.Events.Where(e => e.SeriesId == series.Id).Select(e => e.OccurrenceDate).ToListAsync(cancellationToken);

        var created = new List<Event>();
        foreach (var date in MonthlyPattern.Dates(series.WeekOfMonth, series.DayOfWeek, from, until))
        {
            if (existing.Contains(date)) continue;
            var session = NewSession(series, date);
            if (session.StartsAt <= clock.GetUtcNow()) continue;
            db.Events.Add(session);
            created.Add(session);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return []; // another instance filled the same months at the same moment
        }
        return created;
    }

    /// <summary>A session that follows its series takes the series' details (its own date stays).</summary>
    public static void Follow(ConversationSpaceSeries series, Event session, DateTimeOffset now)
    {
        var planned = NewSession(series, session.OccurrenceDate!.Value);
        session.Title = planned.Title;
        session.Description = planned.Description;
        session.StartsAt = planned.StartsAt;
        session.EndsAt = planned.EndsAt;
        session.JoiningUrl = planned.JoiningUrl;
        session.WaitlistEnabled = planned.WaitlistEnabled;
        session.Capacity = planned.Capacity;
        session.Status = planned.Status;
        session.UpdatedAt = now;
    }

    public static Event NewSession(ConversationSpaceSeries series, DateOnly date) => new()
    {
        Kind = EventKind.ConversationSpace,
        Status = series.IsActive ? EventStatus.Published : EventStatus.Draft,
        SeriesId = series.Id,
        OccurrenceDate = date,
        Title = series.Title,
        Description = series.Description,
        StartsAt = EventTime.ToInstant(date, series.StartTime, series.TimeZoneId),
        EndsAt = EventTime.ToInstant(date, series.EndTime, series.TimeZoneId),
        TimeZoneId = series.TimeZoneId,
        Capacity = series.Capacity,
        WaitlistEnabled = series.WaitlistEnabled,
        JoiningUrl = series.JoiningUrl,
    };
}
