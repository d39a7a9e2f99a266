using System.Text.RegularExpressions;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.LiveBoard.Manage;

/// <summary>
/// /manage/board/watched-words: the words and phrases that hold a post for a moderator on every board, even with
/// pre-moderation off. Staff edit the whole list as text, one a line; saving makes the stored set exactly that list.
/// </summary>
public sealed partial class WatchedWordsModel(CommunityDb db, TimeProvider clock) : CommunityPageModel
{
    public const int MaxLength = 100;

    [BindProperty] public string? Words { get; set; }
    [TempData] public string? Notice { get; set; }

    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Alphabetical as people read it, capitals or not (the database's collation may put every capital first).
        var words = (await db.WatchedWords.AsNoTracking().Select(w => w.Word).ToListAsync(cancellationToken))
            .Order(StringComparer.OrdinalIgnoreCase).ToList();
        Count = words.Count;
        Words = string.Join("\n", words);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var words = Read(Words, out var problem);
        Count = await db.WatchedWords.CountAsync(cancellationToken);
        if (problem is not null)
        {
            ModelState.AddModelError(nameof(Words), problem);
            return BadRequestPage();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One save at a time, so two staff saving at once can't both add the same word (the primary key would refuse
        // the second); posts being checked only read the table, which this lock allows.
        await db.Database.ExecuteSqlAsync($"LOCK TABLE board_watched_words IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        var existing = await db.WatchedWords.ToListAsync(cancellationToken);
        var keep = words.ToHashSet(StringComparer.Ordinal);
        db.WatchedWords.RemoveRange(existing.Where(w => !keep.Contains(w.Word)));
        var now = clock.GetUtcNow();
        var had = existing.Select(w => w.Word).ToHashSet(StringComparer.Ordinal);
        db.WatchedWords.AddRange(words.Where(w => !had.Contains(w)).Select(w => new WatchedWord { Word = w, CreatedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        Notice = words.Count switch
        {
            0 => "Saved: there are no watched words now. Posts are held only when pre-moderation is on.",
            1 => "Saved: 1 watched word or phrase. New posts that contain it wait for a moderator.",
            var n => $"Saved: {n} watched words and phrases. New posts that contain any of them wait for a moderator.",
        };
        return SeeOther(Url.Page("/LiveBoard/Manage/WatchedWords")!);
    }

    /// <summary>
    /// The list as typed: one word or phrase a line, spaces tidied, empty lines dropped, and a word typed twice (in any
    /// mix of capitals, which matching ignores) kept once, as first typed. <paramref name="problem"/> says what's wrong.
    /// </summary>
    public static IReadOnlyList<string> Read(string? typed, out string? problem)
    {
        problem = null;
        var lines = (typed ?? "").Split('\n')
            .Select(line => Spaces().Replace(line, " ").Trim())
            .Where(line => line.Length > 0)
            .ToList();
        if (lines.FirstOrDefault(line => line.Any(char.IsControl)) is { } control)
            problem = $"“{Clip(control)}” contains characters we can't store (invisible control characters). Please type it again";
        else if (lines.FirstOrDefault(line => line.Length > MaxLength) is { } tooLong)
            problem = $"Each word or phrase can be at most {MaxLength} characters; “{Clip(tooLong)}” has {tooLong.Length}. Please shorten it";
        var words = lines.DistinctBy(line => line.ToLowerInvariant()).ToList();
        if (problem is null && words.Count > WatchedWords.MaxWords)
            problem = $"There can be at most {WatchedWords.MaxWords} watched words and phrases; this list has {words.Count}. Please remove some";
        return problem is null ? words : [];
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>Runs of spaces and tabs inside a phrase become one space (matching looks for the phrase as typed).</summary>
    [GeneratedRegex(@"[ \t\r\u00A0]+")]
    private static partial Regex Spaces();
}
