using HeartsMinds.Community.Platform.Data;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// How many people a staff change would email, learnt by making the change through the desk in a transaction that is
/// then rolled back: the count comes from the same code that sends, so it can't drift from it. Nothing is saved or
/// sent, and the change tracker is cleared, so the caller loads afresh before the real change.
/// </summary>
public static class EmailDryRun
{
    public static async Task<int> PeopleAsync(CommunityDb db, Func<Task<int>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            return await change();
        }
        finally
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>People emailed by one event change: those with a place told of it, and those given a place from the waitlist.</summary>
    public static int Emailed(EventChanged? change) =>
        change is null ? 0 : change.Told + Math.Max(0, change.ConfirmedAfter - change.ConfirmedBefore);
}
