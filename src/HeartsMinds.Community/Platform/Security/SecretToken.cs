using System.Security.Cryptography;
using System.Text;

namespace HeartsMinds.Community.Platform.Security;

/// <summary>
/// Tokens for private links in emails (manage a registration, a private feed, check-in): 256 random bits,
/// URL-safe. Only the SHA-256 hash is stored, so a copy of the database does not open anyone's links.
/// </summary>
public static class SecretToken
{
    public static (string Token, string Hash) Create()
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether the text could be one of our tokens at all (cheap check before a database look-up).</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
