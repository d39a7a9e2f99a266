using Quartz;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// Every minute at :00 (Newsletters:StartSchedule), and at once for "send now": starts the scheduled newsletters
/// whose time has come. Starting is a conditional change of status in one transaction with the audience, so a second
/// run, or a run on another instance, starts nothing twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class StartDueNewslettersJob(NewsletterDesk desk, ILogger<StartDueNewslettersJob> logger) : IJob
{
    public static readonly JobKey Key = new("start-due-newsletters", "newsletters");

    public async Task Execute(IJobExecutionContext context)
    {
        var started = await desk.StartDueAsync(context.CancellationToken);
        if (started > 0) logger.LogInformation("Started {Count} scheduled newsletter(s).", started);
    }
}
