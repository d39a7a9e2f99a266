namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// A private link emailed to a signatory: to confirm their signature, or to their preferences (and one-click
/// unsubscribe). Only the token's SHA-256 is kept. A confirmation link expires; preferences links keep working after
/// a signatory withdraws, so they can still download what we hold or have it erased, until the row is erased.
/// </summary>
public sealed class SignatoryLink
{
    public long Id { get; set; }
    public long SignatoryId { get; set; }
    public Signatory Signatory { get; set; } = null!;
    public SignatoryLinkPurpose Purpose { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
