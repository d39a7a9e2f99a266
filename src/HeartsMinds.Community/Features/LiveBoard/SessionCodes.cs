using System.Security.Cryptography;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// Session codes: six characters read out or pasted into a meeting chat, from an alphabet without look-alikes
/// (no 0/O, 1/I/L). 31^6 is about 887 million, and joining is rate-limited, so guessing one is not a way in.
/// </summary>
public static class SessionCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 6;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The code as stored: upper case, spaces and dashes dropped; null when it can't be one of ours.</summary>
    public static string? Normalise(string? typed)
    {
        var code = new string((typed ?? "").Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray());
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }
}
