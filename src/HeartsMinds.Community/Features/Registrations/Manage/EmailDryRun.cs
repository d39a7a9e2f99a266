using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// How many people a staff change would email, learnt by making the change through the desk in a transaction that is
/// then rolled back: the count is of the emails the same code writes, so it can't drift from what is sent. Nothing is
/// saved or sent, and the change tracker is cleared, so the caller loads afresh before the real change.
/// </summary>
public static class EmailDryRun
{
    public static async Task<int> PeopleAsync(CommunityDb db, NoticeWriter notices, Func<Task> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await change();
            // The emails the change's notices would become, and the every-session updates it gathered.
            await notices.WriteAsync(db.ChangeTracker.Entries<RegistrationNotice>().Select(e => e.Entity).ToList(), cancellationToken);
            return db.ChangeTracker.Entries<OutboxMessage>().Select(e => e.Entity.ToAddress.Trim().ToLowerInvariant()).Distinct().Count();
        }
        finally
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
