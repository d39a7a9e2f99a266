namespace HeartsMinds.Community.Platform.Email;

/// <summary>What one batch did, for the loop and for tests.</summary>
public sealed record OutboxBatchReport(int Claimed, int Sent, int Retrying, int Failed, int Released)
{
    public static readonly OutboxBatchReport Empty = new(0, 0, 0, 0, 0);
}
