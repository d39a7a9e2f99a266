using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// Token buckets per participant, in this instance's memory: enough to stop one browser flooding a board. With several
/// instances each keeps its own, so the limit is per instance; the database still allows one vote per post.
/// Staff are not limited.
/// </summary>
public sealed class BoardRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<(long ParticipantId, bool Posting)> _limiter;

    public BoardRateLimits(IOptions<LiveBoardOptions> options)
    {
        var posts = Math.Max(1, options.Value.PostsPerMinute);
        var actions = Math.Max(1, options.Value.ActionsPerMinute);
        _limiter = PartitionedRateLimiter.Create<(long ParticipantId, bool Posting), (long, bool)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, k => new TokenBucketRateLimiterOptions
            {
                // The burst: up to three posts (twenty actions) at once, or a tenth of the minute's allowance when that is more.
                TokenLimit = k.Item2 ? Math.Max(Math.Min(3, posts), posts / 10) : Math.Max(Math.Min(20, actions), actions / 10),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / (k.Item2 ? posts : actions),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Takes one token for this caller, or refuses with a message that says to slow down.</summary>
    public void Take(BoardCaller caller, bool posting)
    {
        if (caller.ParticipantId is not { } participantId) return;
        using var lease = _limiter.AttemptAcquire((participantId, posting));
        if (!lease.IsAcquired)
            throw new BoardRefusedException(posting
                ? "You're posting faster than the board allows. Please wait a few seconds and try again."
                : "That was a lot of clicks in a short time. Please wait a few seconds and try again.", StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => _limiter.Dispose();
}
