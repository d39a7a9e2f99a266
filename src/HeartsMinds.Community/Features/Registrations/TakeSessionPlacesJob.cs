using Quartz;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// Takes every-session registrations' places at the sessions that have come within
/// <see cref="EverySessionOptions.PlacesTakenBefore"/>, and emails each person theirs. Runs every few minutes, so a
/// place is taken at most that late; the cluster runs each firing once, and a second run finds nothing left to do.
/// </summary>
[DisallowConcurrentExecution]
public sealed class TakeSessionPlacesJob(SubscriptionDesk subscriptions, ILogger<TakeSessionPlacesJob> logger) : IJob
{
    public static readonly JobKey Key = new("take-session-places", "registrations");

    public async Task Execute(IJobExecutionContext context)
    {
        var made = await subscriptions.TakeDuePlacesAsync(context.CancellationToken);
        if (made > 0) logger.LogInformation("Took places at upcoming sessions for {Count} every-session registrations", made);
    }
}
