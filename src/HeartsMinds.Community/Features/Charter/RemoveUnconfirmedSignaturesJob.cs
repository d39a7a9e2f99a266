using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// Deletes sign-ups nobody confirmed within <see cref="KeepFor"/> of the last confirmation email (their links go
/// with them): details we were given but may not use. Daily; a second run finds nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RemoveUnconfirmedSignaturesJob(CommunityDb db, TimeProvider clock, ILogger<RemoveUnconfirmedSignaturesJob> logger) : IJob
{
    public static readonly JobKey Key = new("remove-unconfirmed-signatures", "charter");
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    public async Task Execute(IJobExecutionContext context) => await RunAsync(context.CancellationToken);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - KeepFor;
        var removed = await db.Signatories
            .Where(s => s.Status == SignatoryStatus.Pending && s.CreatedAt < before && (s.ConfirmationSentAt == null || s.ConfirmationSentAt < before))
            .ExecuteDeleteAsync(cancellationToken);
        if (removed > 0) logger.LogInformation("Removed {Count} Charter sign-ups nobody confirmed", removed);
        return removed;
    }
}
