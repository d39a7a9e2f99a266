namespace HeartsMinds.Community.Platform.Email;

public static class RetryDelay
{
    /// <summary>Exponential backoff with "equal jitter": between half and all of base × 2^(attempt−1), capped,
    /// so messages that failed together do not all come back at the same moment.</summary>
    public static TimeSpan After(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = baseDelay * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var ceiling = exponential < maxDelay ? exponential : maxDelay;
        return ceiling / 2 + ceiling / 2 * Random.Shared.NextDouble();
    }
}
