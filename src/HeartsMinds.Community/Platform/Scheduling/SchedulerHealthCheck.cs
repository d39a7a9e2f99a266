using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;

namespace HeartsMinds.Community.Platform.Scheduling;

internal sealed class SchedulerHealthCheck(IScheduler scheduler, IOptions<SchedulingOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled) return HealthCheckResult.Healthy("This instance does not run jobs (Scheduling:Enabled is false).");
        if (scheduler.IsShutdown) return HealthCheckResult.Unhealthy("The scheduler has shut down.");
        if (!scheduler.IsStarted || scheduler.InStandbyMode) return HealthCheckResult.Unhealthy("The scheduler is not running.");
        var metadata = await scheduler.GetMetaData(cancellationToken);
        return HealthCheckResult.Healthy($"Running as {metadata.SchedulerInstanceId}, clustered: {metadata.JobStoreClustered}.");
    }
}
