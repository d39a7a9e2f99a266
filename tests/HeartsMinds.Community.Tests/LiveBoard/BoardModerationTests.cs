using System.Net;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using static HeartsMinds.Community.Tests.LiveBoard.BoardTesting;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>
/// Moderation as the screens see it: held posts reach others without their text until approved, a hidden post turns
/// into "removed by a moderator", authors change their own posts for five minutes only, a removed participant is told
/// and turned away, and a board takes posts only while it is open.
/// </summary>
public sealed class BoardModerationTests(BoardAppFactory app) : IClassFixture<BoardAppFactory>
{
    [Fact]
    public async Task With_pre_moderation_a_post_reaches_others_without_its_text_until_staff_approve_it()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var author = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        var reader = await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker");
        await using var staff = await app.StaffJoinedAsync(await app.StaffCookieAsync(), ev.Id);
        await using var authorScreen = await app.JoinedAsync(author);
        await using var readerScreen = await app.JoinedAsync(reader);
        Assert.True((await staff.Connection.InvokeAsync<BoardStateView>("SetPreModeration", ev.Id, true)).PreModeration);
        await WaitUntilAsync(() => readerScreen.Changes.Any(c => c.Board?.PreModeration == true), "the reader to hear pre-moderation is on");
        Assert.Null(readerScreen.Changes.Single(c => c.Board is not null).Board!.SessionCode);

        var post = await authorScreen.PostAsync(ev.Id, "Is it safe to say this?");

        Assert.Equal(("held", "Is it safe to say this?"), (post.State, post.Body)); // the author sees their own text, waiting
        await WaitUntilAsync(() => readerScreen.Heard(post.Id) is not null && staff.Heard(post.Id) is not null, "both screens to hear of the post");
        Assert.Equal(("held", null, null), (readerScreen.Heard(post.Id)!.State, readerScreen.Heard(post.Id)!.Body, readerScreen.Heard(post.Id)!.Author));
        Assert.Equal(("held", "Is it safe to say this?", "pre-moderation"), (staff.Heard(post.Id)!.State, staff.Heard(post.Id)!.Body, staff.Heard(post.Id)!.HeldBecause));
        var readerPage = await (await app.BrowserAsync(reader)).GetStringAsync($"/board/{ev.Id}");
        Assert.DoesNotContain("Is it safe to say this?", readerPage);
        Assert.Contains("waiting for a moderator", await (await app.BrowserAsync(author)).GetStringAsync($"/board/{ev.Id}"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Is it safe to say this?", await (await app.SignedInAdminAsync()).GetStringAsync($"/board/{ev.Id}"));

        await staff.Connection.InvokeAsync<PostView>("Moderate", ev.Id, post.Id, "Approve");

        await WaitUntilAsync(() => readerScreen.Heard(post.Id)?.State == "visible", "the reader to hear of the approval");
        Assert.Equal(("Is it safe to say this?", "Ada Able, Ada Able Org"), (readerScreen.Heard(post.Id)!.Body, readerScreen.Heard(post.Id)!.Author));
        Assert.Contains("Is it safe to say this?", await (await app.BrowserAsync(reader)).GetStringAsync($"/board/{ev.Id}"));
    }

    [Fact]
    public async Task A_watched_word_holds_a_post_even_without_pre_moderation()
    {
        await app.WithDbAsync(async db => { db.WatchedWords.Add(new WatchedWord { Word = "kumquat" }); return await db.SaveChangesAsync(); });
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var author = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        var reader = await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker");
        await using var authorScreen = await app.JoinedAsync(author);
        await using var readerScreen = await app.JoinedAsync(reader);

        var held = await authorScreen.PostAsync(ev.Id, "Who else loves KUMQUAT jam?");
        var fine = await authorScreen.PostAsync(ev.Id, "Kumquats are a different word.");

        Assert.Equal(("held", "visible"), (held.State, fine.State));
        Assert.Equal("watched word: kumquat", (await app.PostsAsync(ev.Id)).Single(p => p.Id == held.Id).HeldBecause);
        await WaitUntilAsync(() => readerScreen.Heard(held.Id) is not null, "the reader to hear of the held post");
        Assert.Null(readerScreen.Heard(held.Id)!.Body);
        // Editing a visible post into a watched word holds it too.
        Assert.Equal("held", (await authorScreen.Connection.InvokeAsync<PostView>("Edit", ev.Id, fine.Id, "Kumquat season")).State);
    }

    [Fact]
    public async Task A_hidden_post_shows_others_removed_by_a_moderator_live_and_on_the_page()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var author = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        var reader = await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker");
        await using var staff = await app.StaffJoinedAsync(await app.StaffCookieAsync(), ev.Id);
        await using var authorScreen = await app.JoinedAsync(author);
        await using var readerScreen = await app.JoinedAsync(reader);
        var post = await authorScreen.PostAsync(ev.Id, "Something unkind");
        await staff.Connection.InvokeAsync<PostView>("Reply", ev.Id, post.Id, "Please be kind.");

        var hidden = await staff.Connection.InvokeAsync<PostView>("Moderate", ev.Id, post.Id, "Hide");

        Assert.Equal("removed", hidden.State);
        await WaitUntilAsync(() => readerScreen.Heard(post.Id)?.State == "removed" && authorScreen.Heard(post.Id)?.State == "removed", "both participants to hear of the hiding");
        Assert.Equal((null, null, null), (readerScreen.Heard(post.Id)!.Body, readerScreen.Heard(post.Id)!.Author, readerScreen.Heard(post.Id)!.Reply));
        var page = await (await app.BrowserAsync(reader)).TextAsync($"/board/{ev.Id}");
        Assert.Contains("Removed by a moderator.", page);
        Assert.DoesNotContain("Something unkind", page);
        Assert.Contains("Removed by a moderator.", await (await app.BrowserAsync(author)).TextAsync($"/board/{ev.Id}"));
        // A hidden post can't be voted for, reported or pinned; staff can bring it back.
        Assert.Contains("only for posts everyone can see", await RefusedAsync(() => readerScreen.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, true)));
        Assert.Contains("Only a post everyone can see can be pinned", await RefusedAsync(() => staff.Connection.InvokeAsync<PostView>("Moderate", ev.Id, post.Id, "Pin")));
        await staff.Connection.InvokeAsync<PostView>("Moderate", ev.Id, post.Id, "Unhide");
        await WaitUntilAsync(() => readerScreen.Heard(post.Id)?.Body == "Something unkind", "the reader to see it again");
    }

    [Fact]
    public async Task Authors_edit_and_delete_their_own_posts_for_five_minutes_only()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock, startsIn: TimeSpan.FromMinutes(5));
        var author = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        var slow = await app.JoinAsAttendeeAsync(ev.Id, "Cy Slow"); // a second author, as an edit counts against the posting limit
        var other = await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker");
        await using var authorScreen = await app.JoinedAsync(author);
        await using var slowScreen = await app.JoinedAsync(slow);
        await using var otherScreen = await app.JoinedAsync(other);
        var kept = await authorScreen.PostAsync(ev.Id, "First thought");
        var dropped = await authorScreen.PostAsync(ev.Id, "Second thought");
        var late = await slowScreen.PostAsync(ev.Id, "Third thought");

        Assert.Contains("only your own posts", await RefusedAsync(() => otherScreen.Connection.InvokeAsync<PostView>("Edit", ev.Id, kept.Id, "Bo's words")));
        Assert.Contains("only your own posts", await RefusedAsync(() => otherScreen.Connection.InvokeAsync<PostView>("Delete", ev.Id, kept.Id)));
        var edited = await authorScreen.Connection.InvokeAsync<PostView>("Edit", ev.Id, kept.Id, "First thought, better put");
        Assert.Equal(("First thought, better put", true), (edited.Body, edited.Edited));
        Assert.Equal("deleted", (await authorScreen.Connection.InvokeAsync<PostView>("Delete", ev.Id, dropped.Id)).State);
        await WaitUntilAsync(() => otherScreen.Heard(dropped.Id)?.State == "deleted" && otherScreen.Heard(kept.Id)?.Edited == true, "the other screen to hear both");
        Assert.Null(otherScreen.Heard(dropped.Id)!.Body);

        app.Clock.Set(app.Clock.GetUtcNow() + BoardPost.EditableFor + TimeSpan.FromSeconds(1));

        Assert.Contains("can be changed for 5 minutes", await RefusedAsync(() => slowScreen.Connection.InvokeAsync<PostView>("Edit", ev.Id, late.Id, "Too late")));
        Assert.Contains("can be changed for 5 minutes", await RefusedAsync(() => slowScreen.Connection.InvokeAsync<PostView>("Delete", ev.Id, late.Id)));
        var stored = (await app.PostsAsync(ev.Id)).ToDictionary(p => p.Id);
        Assert.Equal(("First thought, better put", PostState.Visible), (stored[kept.Id].Body, stored[kept.Id].State));
        Assert.Equal(("", PostState.Deleted), (stored[dropped.Id].Body, stored[dropped.Id].State));
        Assert.Equal(("Third thought", PostState.Visible, null), (stored[late.Id].Body, stored[late.Id].State, stored[late.Id].EditedAt));
    }

    [Fact]
    public async Task A_removed_participant_is_told_hears_no_more_and_is_turned_away()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var removed = await app.JoinAsAttendeeAsync(ev.Id, "Rex Removed");
        var stays = await app.JoinAsAttendeeAsync(ev.Id, "Sue Stays");
        await using var staff = await app.StaffJoinedAsync(await app.StaffCookieAsync(), ev.Id);
        await using var removedScreen = await app.JoinedAsync(removed);
        await using var staysScreen = await app.JoinedAsync(stays);
        var post = await staysScreen.PostAsync(ev.Id, "Before the removal");

        await staff.Connection.InvokeAsync<bool>("RemoveParticipant", ev.Id, removed.ParticipantId);

        await WaitUntilAsync(() => removedScreen.Removals.Contains(ev.Id), "the removed participant's screen to be told");
        Assert.Empty(staysScreen.Removals);
        Assert.Contains("removed you from this board", await RefusedAsync(() => removedScreen.PostAsync(ev.Id, "Let me back")));
        Assert.Contains("removed you from this board", await RefusedAsync(() => removedScreen.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, true)));
        var sync = await removedScreen.Connection.InvokeAsync<BoardSync>("Sync", ev.Id, 0L);
        Assert.True(sync.Removed);
        Assert.Empty(sync.Posts);

        // Their open connection no longer hears the board, and no new connection joins it.
        var after = await staysScreen.PostAsync(ev.Id, "After the removal, not for Rex");
        await WaitUntilAsync(() => staff.Heard(after.Id) is not null, "staff to hear the new post");
        await Task.Delay(300); // a broadcast that should not come: give it the time the others took, and more
        Assert.DoesNotContain(removedScreen.Changes, c => c.Post?.Body == "After the removal, not for Rex");
        await using var rejoin = await app.ConnectAsync(removed.Cookie);
        Assert.Contains("A moderator has removed you", await RefusedAsync(() => rejoin.Connection.InvokeAsync<BoardSync>("Join", ev.Id, 0L)));
        var page = await (await app.BrowserAsync(removed)).GetAsync($"/board/{ev.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain("Before the removal", await page.TextAsync());
    }

    [Fact]
    public async Task A_closed_board_is_read_but_takes_no_posts_or_votes()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var seat = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        var voter = await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker");
        await using var screen = await app.JoinedAsync(seat);
        var post = await screen.PostAsync(ev.Id, "Posted while open");
        await app.WithDbAsync(db => db.Boards.Where(b => b.EventId == ev.Id).ExecuteUpdateAsync(u => u.SetProperty(b => b.ClosesAt, app.Clock.GetUtcNow().AddMinutes(-1))));

        Assert.Contains("The board has closed", await RefusedAsync(() => screen.PostAsync(ev.Id, "Posted after closing")));
        await using var voterScreen = await app.JoinedAsync(voter);
        Assert.Equal("closed", voterScreen.Sync!.Board.Phase);
        Assert.Equal(["Posted while open"], voterScreen.Sync.Posts.Select(p => p.Body));
        Assert.Contains("The board has closed", await RefusedAsync(() => voterScreen.Connection.InvokeAsync<PostView>("Vote", ev.Id, post.Id, true)));
        Assert.Single((await screen.Connection.InvokeAsync<BoardSync>("Sync", ev.Id, 0L)).Posts);
        var page = await (await app.BrowserAsync(voter)).TextAsync($"/board/{ev.Id}");
        Assert.Contains("Posted while open", page);
        Assert.Contains("The board has closed", page);
        Assert.DoesNotContain("handler=Post", page);
        Assert.Single(await app.PostsAsync(ev.Id));
    }

    [Fact]
    public async Task Before_it_opens_a_board_can_be_joined_and_read_but_not_posted_to()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock, startsIn: TimeSpan.FromDays(2));
        var seat = await app.JoinAsAttendeeAsync(ev.Id, "Ada Able");
        await using var screen = await app.JoinedAsync(seat);

        Assert.Equal("not-yet-open", screen.Sync!.Board.Phase);
        Assert.Contains("The board is not open yet", await RefusedAsync(() => screen.PostAsync(ev.Id, "Too early")));
        Assert.Empty(await app.PostsAsync(ev.Id));
        Assert.Equal(0, (await app.BoardAsync(ev.Id)).LastSequence);
    }
}
