using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// After staff edit a Conversation Space series: moves its sessions onto a new pattern, has the
/// <see cref="SeriesPlanner"/> apply the change to every session that still follows the series, emails the people
/// whose session actually moved (or got a new joining link), and fills the months ahead.
/// </summary>
public sealed class SeriesSync(CommunityDb db, SubscriptionDesk subscriptions, RegistrationDesk desk, SeriesNotifier seriesEmails,
    NoticeWriter notices, NoticeSignal noticeSignal, OutboxSignal signal, TimeProvider clock)
{
    /// <param name="Changed">Sessions whose time or joining link changed; their confirmed attendees were emailed.</param>
    /// <param name="Created">New sessions made to fill the months ahead.</param>
    /// <param name="KeptAsTheyWere">Sessions left on their old date, because the new pattern's date that month has passed.</param>
    public sealed record Result(IReadOnlyList<Event> Changed, IReadOnlyList<Event> Created, IReadOnlyList<Event> KeptAsTheyWere);

    /// <summary>
    /// Saves <paramref name="series"/> (tracked and already edited) and brings its sessions into step, as one change:
    /// the series, every session that follows it, places for people waiting and the emails to people whose session
    /// moved (or got a new joining link) commit together, each session under its own lock. Then it fills the months ahead.
    /// </summary>
    public async Task<Result> SaveAsync(ConversationSpaceSeries series, bool patternChanged, CancellationToken cancellationToken = default)
    {
        List<Event> changed, kept;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            (changed, kept) = await ApplyAsync(series, patternChanged, cancellationToken);
            // Everyone registered for every session gets one update for all of it.
            await seriesEmails.WriteAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        signal.Wake();
        noticeSignal.Wake();

        var created = await subscriptions.FillHorizonAsync(series.Id, cancellationToken);
        return new Result(changed.OrderBy(e => e.StartsAt).ToList(), created, kept);
    }

    /// <summary>
    /// How many people saving <paramref name="series"/> (tracked and edited) would email, for staff to confirm first.
    /// The same change is made and rolled back (see <see cref="EmailDryRun"/>): nothing is saved or sent, and
    /// <paramref name="series"/> is no longer tracked afterwards.
    /// </summary>
    public Task<int> PeopleToEmailAsync(ConversationSpaceSeries series, bool patternChanged, CancellationToken cancellationToken = default) =>
        EmailDryRun.PeopleAsync(db, notices, () => ApplyAsync(series, patternChanged, cancellationToken), cancellationToken);

    /// <summary>The change itself, inside the caller's transaction: sessions redated, each following session changed under its lock.</summary>
    private async Task<(List<Event> Changed, List<Event> Kept)> ApplyAsync(ConversationSpaceSeries series, bool patternChanged, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var kept = patternChanged ? await RedateAsync(series, now, cancellationToken) : [];
        if (patternChanged) seriesEmails.SeriesChanged(series, $"from now on it meets: {series.PatternDescription}");
        series.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);

        // In id order, so two changes to one series take the sessions' locks in the same order.
        var following = await db.Events.AsNoTracking()
            .Where(e => e.SeriesId == series.Id && !e.DetachedFromSeries && e.StartsAt > now && e.Status != EventStatus.Cancelled)
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
        var changed = new List<Event>();
        foreach (var id in following)
        {
            var result = await desk.ChangeEventAsync(id, session => SeriesPlanner.Follow(series, session, now), cancellationToken);
            if (result?.WhatChanged is not null) changed.Add(result.Event);
        }
        return (changed, kept);
    }

    /// <summary>
    /// A new pattern ("third Wednesday" instead of "second Tuesday"): in this month and every later one, the session
    /// that month now stands for the new pattern's date. Sessions that follow the series then move there (the planner
    /// works from that date), cancelled ones keep their month cancelled, and the planner won't add a second session to
    /// a month that has one. A session whose new date has already gone this month stays where it was.
    /// </summary>
    private async Task<List<Event>> RedateAsync(ConversationSpaceSeries series, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = EventTime.LocalDate(now, series.TimeZoneId);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var sessions = await db.Events.Where(e => e.SeriesId == series.Id && e.OccurrenceDate >= thisMonth).ToListAsync(cancellationToken);
        var kept = new List<Event>();
        foreach (var month in sessions.GroupBy(s => (s.OccurrenceDate!.Value.Year, s.OccurrenceDate.Value.Month)))
        {
            if (month.Count() > 1) continue; // two sessions in one month already: staff arranged that, so leave it be
            var session = month.Single();
            var date = MonthlyPattern.DateIn(month.Key.Year, month.Key.Month, series.WeekOfMonth, series.DayOfWeek);
            if (date == session.OccurrenceDate) continue;
            session.OccurrenceDate = date;
            var followsSeries = !session.DetachedFromSeries && session.Status != EventStatus.Cancelled && session.StartsAt > now;
            if (followsSeries && EventTime.ToInstant(date, series.StartTime, series.TimeZoneId) <= now)
            {
                session.DetachedFromSeries = true;
                kept.Add(session);
            }
        }
        return kept;
    }
}
