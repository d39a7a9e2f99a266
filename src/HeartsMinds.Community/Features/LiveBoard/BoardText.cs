namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>What the board stores of text someone typed, and what it says when it can't.</summary>
public static class BoardText
{
    /// <summary>Null when <paramref name="text"/> (already trimmed) can be stored; otherwise a sentence saying why not.</summary>
    public static string? Problem(string? text, int max, string what, bool multiLine = true)
    {
        if (string.IsNullOrEmpty(text)) return $"{what} is empty: please type something first.";
        if (text.Length > max) return $"{what} can be at most {max:N0} characters; this one has {text.Length:N0}. Please shorten it.";
        if (text.Any(c => char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')))
            return $"{what} contains characters we can't store (invisible control characters). Please type it again.";
        return null;
    }

    /// <summary>Trimmed, with Windows line ends made plain.</summary>
    public static string Tidy(string? text) => (text ?? "").Replace("\r\n", "\n").Trim();
}
