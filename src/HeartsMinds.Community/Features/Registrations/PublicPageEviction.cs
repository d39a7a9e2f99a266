using System.Data.Common;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// Evicts the cached public pages after a commit that changed what they show: an event, its attendees (the places
/// left), its registrations, or a Conversation Space series. It sees every change saved through EF, so the desks and
/// staff pages need no call of their own; ExecuteUpdate, ExecuteDelete and raw SQL bypass it and call
/// <see cref="PublicPageCache"/> themselves. Inside a transaction the eviction waits for the commit (and a rollback
/// drops it): evicting earlier would let a visitor cache the old figures again before the commit.
/// One instance per DbContext (registered transient), so its pending list is that context's alone.
/// </summary>
public sealed class PublicPageEviction(PublicPageCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly List<Func<long>> _saving = [];
    private readonly HashSet<long> _savingIds = [];
    private bool _savingAll;

    private readonly HashSet<long> _pending = [];
    private bool _pendingAll;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Notice(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Notice(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved();
        if (eventData.Context?.Database.CurrentTransaction is null) EvictPendingAsync().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Saved();
        if (eventData.Context?.Database.CurrentTransaction is null) await EvictPendingAsync();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => ForgetSaving();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetSaving();
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        EvictPendingAsync().GetAwaiter().GetResult();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken) => EvictPendingAsync();

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => ForgetPending();

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken)
    {
        ForgetPending();
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => ForgetPending();

    Task IDbTransactionInterceptor.TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData,
        CancellationToken cancellationToken)
    {
        ForgetPending();
        return Task.CompletedTask;
    }

    /// <summary>Before the save: what is about to change. A new event has its id only after the save, hence the functions.</summary>
    private void Notice(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Event ev:
                    _saving.Add(() => ev.Id);
                    break;
                case Attendee attendee:
                    _saving.Add(() => attendee.EventId);
                    NoticeOriginalEvent(entry, nameof(Attendee.EventId));
                    break;
                case Registration registration:
                    _saving.Add(() => registration.EventId);
                    NoticeOriginalEvent(entry, nameof(Registration.EventId));
                    break;
                case ConversationSpaceSeries:
                    _savingAll = true; // shown on its sessions' pages and on the lists
                    break;
            }
        }
    }

    // A place moved to another event leaves the old one with a place more.
    private void NoticeOriginalEvent(EntityEntry entry, string property)
    {
        if (entry.State == EntityState.Modified && entry.Property(property).OriginalValue is long original)
            _savingIds.Add(original);
    }

    private void Saved()
    {
        foreach (var id in _saving) _pending.Add(id());
        _pending.UnionWith(_savingIds);
        _pendingAll |= _savingAll;
        ForgetSaving();
    }

    private void ForgetSaving()
    {
        _saving.Clear();
        _savingIds.Clear();
        _savingAll = false;
    }

    private void ForgetPending()
    {
        _pending.Clear();
        _pendingAll = false;
    }

    private async Task EvictPendingAsync()
    {
        if (_pending.Count == 0 && !_pendingAll) return;
        var all = _pendingAll;
        var ids = _pending.ToList();
        ForgetPending();
        // Not the request's token: the change has committed, so its pages go even if the visitor has gone.
        if (all) await cache.EvictAllEventsAsync();
        else await cache.EvictEventsAsync(ids);
    }
}
