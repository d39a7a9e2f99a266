using System.Threading.Channels;

namespace HeartsMinds.Community.Platform.Scheduling;

/// <summary>
/// Wakes a background loop of this instance once there is work for it (after the transaction that made the work has
/// committed), so the work is done now rather than at the loop's next poll. One wake is kept while the loop is busy,
/// so a wake is never lost between its last look and its next wait. Other instances find the work when they next poll.
/// </summary>
public abstract class WakeSignal
{
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Call after the transaction that made the work has committed.</summary>
    public void Wake() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Until woken, or until <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try { await _wakeUps.Reader.ReadAsync(timer.Token); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { /* the poll interval passed */ }
    }
}
