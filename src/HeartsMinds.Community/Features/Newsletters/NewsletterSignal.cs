namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// Wakes every sender of this instance at once (a newsletter started, resumed or retried here), rather than at
/// their next poll. Other instances find the work when they next poll.
/// </summary>
public sealed class NewsletterSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    internal async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try { await Volatile.Read(ref _next).Task.WaitAsync(timeout, cancellationToken); }
        catch (TimeoutException) { /* the poll interval passed */ }
    }
}
