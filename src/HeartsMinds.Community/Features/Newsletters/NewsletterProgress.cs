using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>Where a send has got to: counts by status, the rate over the last minute, and an estimate of the time left.</summary>
public sealed record NewsletterProgress(int Sent, int Failed, int Waiting, int Skipped, int PerMinute)
{
    public int Total => Sent + Failed + Waiting + Skipped;
    public int Done => Total - Waiting;

    /// <summary>Null while nothing has gone in the last minute (no rate to go by).</summary>
    public TimeSpan? TimeLeft => PerMinute > 0 && Waiting > 0 ? TimeSpan.FromMinutes((double)Waiting / PerMinute) : null;

    public static async Task<NewsletterProgress> ReadAsync(CommunityDb db, long newsletterId, CancellationToken cancellationToken)
    {
        var deliveries = db.NewsletterDeliveries.Where(d => d.NewsletterId == newsletterId);
        var counts = await deliveries.GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        // Compared with the database's clock, which wrote sent_at.
        var lastMinute = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM newsletter_deliveries
            WHERE newsletter_id = {newsletterId} AND status = 'Sent' AND sent_at > now() - interval '1 minute'
            """).SingleAsync(cancellationToken);
        return new(counts.GetValueOrDefault(DeliveryStatus.Sent), counts.GetValueOrDefault(DeliveryStatus.Failed),
            counts.GetValueOrDefault(DeliveryStatus.Pending), counts.GetValueOrDefault(DeliveryStatus.Skipped), lastMinute);
    }

    /// <summary>"about 3 minutes", "under a minute", "about 2 hours 10 minutes".</summary>
    public static string Describe(TimeSpan time) =>
        time < TimeSpan.FromMinutes(1) ? "under a minute"
        : time < TimeSpan.FromHours(1) ? $"about {Math.Ceiling(time.TotalMinutes):0} minute{(Math.Ceiling(time.TotalMinutes) == 1 ? "" : "s")}"
        : $"about {(int)time.TotalHours} hour{((int)time.TotalHours == 1 ? "" : "s")} {time.Minutes} minutes";
}
