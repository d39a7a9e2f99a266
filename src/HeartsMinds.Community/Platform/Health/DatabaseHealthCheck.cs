using HeartsMinds.Community.Platform.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeartsMinds.Community.Platform.Health;

internal sealed class DatabaseHealthCheck(CommunityDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("PostgreSQL answers.")
            : HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
}
