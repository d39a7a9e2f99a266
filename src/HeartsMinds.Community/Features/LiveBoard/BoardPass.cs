using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// What a participant's browser holds once they have joined a board: a cookie, one per board, whose value the app
/// protected (encrypted and signed with the shared key ring, so any instance can read it and nobody can forge one)
/// and which names their participant row. Each of their devices gets its own pass; removing them from the board
/// stops every pass at once, because every use is checked against the row.
/// </summary>
public sealed class BoardPass(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("HeartsMinds.Community.LiveBoard.Pass.v1").ToTimeLimitedDataProtector();

    public static string CookieName(long eventId) => $"hm_board_{eventId}";

    public void Give(HttpResponse response, long eventId, long participantId) =>
        response.Cookies.Append(CookieName(eventId), _protector.Protect($"{eventId}:{participantId}", Lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = response.HttpContext.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = Lifetime,
            Path = "/",
        });

    /// <summary>The participant this request's pass names for this board's event; null without a good pass.</summary>
    public long? Read(HttpRequest request, long eventId)
    {
        if (!request.Cookies.TryGetValue(CookieName(eventId), out var value) || string.IsNullOrEmpty(value) || value.Length > 1000) return null;
        try
        {
            var parts = _protector.Unprotect(value).Split(':');
            return parts.Length == 2 && parts[0] == eventId.ToString(CultureInfo.InvariantCulture)
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var participantId)
                ? participantId
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
