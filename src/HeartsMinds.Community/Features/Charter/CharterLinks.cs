using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// A signatory's private links (<see cref="SignatoryLink"/>): made with a random token of which only the hash is
/// kept, and found again by hashing what came in. Anything that can't be one of our tokens is turned away first.
/// </summary>
public static class CharterLinks
{
    /// <summary>How long a confirmation link works.</summary>
    public static readonly TimeSpan ConfirmFor = TimeSpan.FromDays(7);

    /// <summary>A new link, saved with the caller's changes; returns the token for the email.</summary>
    public static string Issue(CommunityDb db, Signatory signatory, SignatoryLinkPurpose purpose, DateTimeOffset now)
    {
        var (token, hash) = SecretToken.Create();
        var link = new SignatoryLink
        {
            Purpose = purpose,
            TokenHash = hash,
            CreatedAt = now,
            ExpiresAt = purpose == SignatoryLinkPurpose.Confirm ? now + ConfirmFor : null,
        };
        // A saved signatory by its id, so one read without tracking (the invitation job's) is not added again.
        if (signatory.Id == 0) link.Signatory = signatory;
        else link.SignatoryId = signatory.Id;
        db.SignatoryLinks.Add(link);
        return token;
    }

    /// <summary>The link (tracked, with its signatory) for a token of this purpose; null if there is none or it was turned off.</summary>
    public static async Task<SignatoryLink?> FindAsync(CommunityDb db, string? token, SignatoryLinkPurpose purpose, CancellationToken cancellationToken)
    {
        if (!SecretToken.LooksValid(token)) return null;
        var hash = SecretToken.Hash(token!);
        return await db.SignatoryLinks.Include(l => l.Signatory)
            .SingleOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == purpose && l.RevokedAt == null, cancellationToken);
    }
}
