using System.Net;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Features.LiveBoard.Manage;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>/manage/board/watched-words: the list staff keep, and a post that matches it held for a moderator.</summary>
public sealed class WatchedWordsTests(BoardStaffAppFactory app) : IClassFixture<BoardStaffAppFactory>
{
    private const string Page = "/manage/board/watched-words";

    private async Task<List<string>> StoredAsync() =>
        (await app.WithDbAsync(db => db.WatchedWords.AsNoTracking().Select(w => w.Word).ToListAsync())).Order(StringComparer.OrdinalIgnoreCase).ToList();

    [Fact]
    public async Task The_list_is_saved_as_typed_one_a_line_with_repeats_in_any_case_kept_once_and_posts_that_match_are_held()
    {
        var staff = await app.SignedInAdminAsync();
        var saved = await staff.SubmitAsync(Page, ("Words", "  self   harm \r\nSuicide\n\nsuicide\nSUICIDE\nbank details\n"));
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal(["bank details", "self harm", "Suicide"], await StoredAsync());
        var page = await staff.GetAsync(Page);
        Assert.Contains("Saved: 3 watched words and phrases.", await page.VisibleTextAsync());
        Assert.Contains("bank details\nself harm\nSuicide</textarea>", await page.TextAsync());

        // Pre-moderation is off; a matching post still waits, and says why; others appear at once.
        var ev = await app.OpenEventAsync();
        var poster = await app.ParticipantAsync(ev.Id, "Rae Poster", "Bluebell Care");
        var held = await app.PostAsync(poster, "What do you do when a mum mentions SELF HARM in a group?");
        Assert.Equal("held", held.State);
        var stored = await app.WithDbAsync(db => db.BoardPosts.AsNoTracking().SingleAsync(p => p.Id == held.Id));
        Assert.Equal(PostState.Held, stored.State);
        Assert.Equal("watched word: self harm", stored.HeldBecause);
        Assert.Equal("visible", (await app.PostAsync(poster, "Harmony singing groups have helped our mums.", PostKind.Learning)).State);

        // The moderator sees it in the queue; other participants don't see it at all.
        var moderatorView = await (await staff.GetAsync($"/board/{ev.Id}")).VisibleTextAsync();
        Assert.Contains("Held: watched word: self harm", moderatorView);
        var other = await app.ParticipantBrowserAsync(ev.Id, "Olu Other");
        var othersView = await (await other.GetAsync($"/board/{ev.Id}")).VisibleTextAsync();
        Assert.DoesNotContain("SELF HARM", othersView);
        Assert.Contains("Harmony singing groups", othersView);

        // Saving a shorter list takes words off: the same post now goes straight on.
        await staff.SubmitAsync(Page, ("Words", "bank details"));
        Assert.Equal(["bank details"], await StoredAsync());
        Assert.Equal("visible", (await app.PostAsync(poster, "Self harm: what training do volunteers get?")).State);

        await staff.SubmitAsync(Page, ("Words", "  \n "));
        Assert.Empty(await StoredAsync());
        Assert.Contains("there are no watched words now", await (await staff.GetAsync(Page)).VisibleTextAsync());
    }

    [Fact]
    public async Task A_word_too_long_a_list_too_long_or_a_control_character_is_refused_with_a_400_and_the_saved_list_stays()
    {
        var staff = await app.SignedInAdminAsync();
        await staff.SubmitAsync(Page, ("Words", "kept"));

        var tooLong = await staff.SubmitAsync(Page, ("Words", "fine\n" + new string('x', WatchedWordsModel.MaxLength + 1)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains($"at most {WatchedWordsModel.MaxLength} characters", await tooLong.VisibleTextAsync());

        var tooMany = await staff.SubmitAsync(Page, ("Words", string.Join("\n", Enumerable.Range(1, WatchedWords.MaxWords + 1).Select(i => $"word{i}"))));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains($"at most {WatchedWords.MaxWords} watched words", await tooMany.VisibleTextAsync());

        var control = await staff.SubmitAsync(Page, ("Words", "bad\u0001word"));
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);

        // Exactly the most allowed is fine, repeats not counted.
        var most = await staff.SubmitAsync(Page, ("Words", string.Join("\n", Enumerable.Range(1, WatchedWords.MaxWords).Select(i => $"word{i}")) + "\nWORD1"));
        Assert.Equal(HttpStatusCode.SeeOther, most.StatusCode);
        Assert.Equal(WatchedWords.MaxWords, (await StoredAsync()).Count);
        await staff.SubmitAsync(Page, ("Words", "kept"));
        Assert.Equal(["kept"], await StoredAsync());
    }

    [Fact]
    public async Task The_board_settings_page_links_here_and_this_page_says_what_watched_words_do()
    {
        var ev = await app.CreateAsync();
        var staff = await app.SignedInAdminAsync();
        Assert.Contains("href=\"/manage/board/watched-words\"", await (await staff.GetAsync($"/manage/events/{ev.Id}/board")).Content.ReadAsStringAsync());
        var text = await (await staff.GetAsync(Page)).VisibleTextAsync();
        Assert.Contains("even when pre-moderation is off", text);
    }
}
