using System.Threading.Channels;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// Wakes this instance's dispatcher after a feature has committed an <see cref="OutboxMessage"/>, so the email goes
/// now rather than at the next poll. Other instances' dispatchers find it when they next poll.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Call after the transaction that added the message has committed.</summary>
    public void Wake() => _wakeUps.Writer.TryWrite(true);

    internal async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try { await _wakeUps.Reader.ReadAsync(timer.Token); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { /* poll interval passed */ }
    }
}
