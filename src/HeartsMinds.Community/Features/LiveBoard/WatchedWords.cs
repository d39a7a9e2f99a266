using System.Text.RegularExpressions;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>The staff's list of words and phrases that hold a post for a moderator, and how a post is matched against it.</summary>
public sealed class WatchedWords(CommunityDb db)
{
    public const int MaxWords = 500;

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.WatchedWords.AsNoTracking().OrderBy(w => w.Word).Select(w => w.Word).ToListAsync(cancellationToken);

    /// <summary>The first word or phrase that appears in <paramref name="text"/> as a whole word, ignoring case; null if none.</summary>
    public static string? FirstMatch(string text, IEnumerable<string> words) =>
        words.FirstOrDefault(word => Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)));
}
