using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>Runs daily (and after a series is saved) to keep every active series' horizon filled.</summary>
[DisallowConcurrentExecution]
public sealed class FillSeriesHorizonJob(CommunityDb db, SubscriptionDesk subscriptions, ILogger<FillSeriesHorizonJob> logger) : IJob
{
    public static readonly JobKey Key = new("fill-series-horizon", "events");

    public async Task Execute(IJobExecutionContext context)
    {
        foreach (var seriesId in await db.ConversationSpaceSeries.Where(s => s.IsActive).Select(s => s.Id).ToListAsync(context.CancellationToken))
        {
            var created = await subscriptions.FillHorizonAsync(seriesId, context.CancellationToken);
            if (created.Count > 0)
                logger.LogInformation("Created {Count} Conversation Space sessions for series {SeriesId}", created.Count, seriesId);
        }
    }
}
