using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HeartsMinds.Community.Platform.Data;

/// <summary>
/// Gives every new row its CreatedAt (and UpdatedAt) from the app's <see cref="TimeProvider"/> when the code left
/// them unset, so a test's clock governs them as it governs the pages that compare them with "now". Later changes
/// set UpdatedAt themselves, because only some changes count (a calendar's, say).
/// </summary>
public sealed class TimestampsFromClock(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly string[] Stamped = ["CreatedAt", "UpdatedAt"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null) return;
        var now = clock.GetUtcNow();
        foreach (var entry in context.ChangeTracker.Entries().Where(e => e.State == EntityState.Added))
        foreach (var name in Stamped)
        {
            if (entry.Metadata.FindProperty(name)?.ClrType != typeof(DateTimeOffset)) continue;
            var property = entry.Property(name);
            if ((DateTimeOffset)property.CurrentValue! == default) property.CurrentValue = now;
        }
    }
}
