using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// The private link in a contact's email, /registrations/{token}: it opens either one registration or an
/// every-session subscription. Only the token's hash is stored, so the token is hashed and looked up; anything that
/// can't be one of our tokens is turned away before the database is asked.
/// </summary>
public static class PrivateLink
{
    public static string PathFor(string token) => $"/registrations/{token}";

    public static async Task<(Registration? Registration, SeriesSubscription? Subscription)> FindAsync(
        CommunityDb db, string? token, CancellationToken cancellationToken)
    {
        if (!SecretToken.LooksValid(token)) return (null, null);
        var hash = SecretToken.Hash(token!);
        var registration = await db.Registrations
            .Include(r => r.Event).Include(r => r.Attendees)
            .SingleOrDefaultAsync(r => r.ManageTokenHash == hash, cancellationToken);
        if (registration is not null) return (registration, null);
        var subscription = await db.SeriesSubscriptions
            .Include(s => s.Series).Include(s => s.Members)
            .SingleOrDefaultAsync(s => s.ManageTokenHash == hash, cancellationToken);
        return (null, subscription);
    }
}
