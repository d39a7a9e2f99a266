using System.Net;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>/manage/events/{id}/board: staff change a board's times, session code and pre-moderation, and participants' pages follow.</summary>
public sealed class BoardSettingsTests(BoardStaffAppFactory app) : IClassFixture<BoardStaffAppFactory>
{
    private static string Local(DateTimeOffset instant) => EventTime.ToLocal(instant, EventTime.UkZoneId).ToString("yyyy-MM-dd'T'HH:mm");

    private Task<Board> StoredAsync(long eventId) => app.WithDbAsync(db => db.Boards.AsNoTracking().SingleAsync(b => b.EventId == eventId));

    [Fact]
    public async Task Staff_open_a_board_early_and_the_participant_page_opens_for_posting_then_the_defaults_come_back_when_emptied()
    {
        var ev = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: DateTimeOffset.UtcNow.AddDays(14));
        var participant = await app.ParticipantBrowserAsync(ev.Id);
        var before = await (await participant.GetAsync($"/board/{ev.Id}")).VisibleTextAsync();
        Assert.Contains("The board opens at", before);
        Assert.DoesNotContain("What are you posting?", before);

        var staff = await app.SignedInAdminAsync();
        var page = $"/manage/events/{ev.Id}/board";
        var settings = await (await staff.GetAsync(page)).VisibleTextAsync();
        Assert.Contains($"Opens {EventTime.Describe(ev.StartsAt.AddMinutes(-15), ev.TimeZoneId)} (15 minutes before the start)", settings);
        Assert.Contains($"Closes {EventTime.Describe(ev.EndsAt.AddHours(1), ev.TimeZoneId)} (an hour after the end)", settings);

        var opens = DateTimeOffset.UtcNow.AddHours(-1);
        var saved = await staff.SubmitToAsync(page, $"{page}?handler=Times", ("OpensAt", Local(opens)), ("ClosesAt", ""));
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal(page, saved.Headers.Location!.OriginalString);
        var board = await StoredAsync(ev.Id);
        Assert.Equal(Local(opens), Local(board.OpensAt!.Value));
        Assert.Null(board.ClosesAt);
        Assert.True(board.SettingsSequence > 0); // a numbered change, which screens on the board are told of

        var open = await (await participant.GetAsync($"/board/{ev.Id}")).VisibleTextAsync();
        Assert.Contains("Open until", open);
        Assert.Contains("What are you posting?", open);
        var after = await (await staff.GetAsync(page)).VisibleTextAsync();
        Assert.Contains("Saved: the board's opening and closing times are changed.", after);
        Assert.Contains("The board is open now", after);
        Assert.Contains("(set here)", after);

        // Emptied again: the defaults.
        await staff.SubmitToAsync(page, $"{page}?handler=Times", ("OpensAt", ""), ("ClosesAt", ""));
        Assert.Null((await StoredAsync(ev.Id)).OpensAt);
        Assert.Contains("The board opens at", await (await participant.GetAsync($"/board/{ev.Id}")).VisibleTextAsync());
    }

    [Fact]
    public async Task A_closing_time_before_the_opening_or_a_time_that_cant_be_read_is_refused_with_a_400_and_changes_nothing()
    {
        var ev = await app.CreateAsync(startsAt: DateTimeOffset.UtcNow.AddDays(10));
        var staff = await app.SignedInAdminAsync();
        var page = $"/manage/events/{ev.Id}/board";

        var backwards = await staff.SubmitToAsync(page, $"{page}?handler=Times",
            ("OpensAt", Local(ev.StartsAt)), ("ClosesAt", Local(ev.StartsAt.AddMinutes(-30))));
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("The board must close after it opens", await backwards.VisibleTextAsync());

        // Only a closing time, before the default opening (15 minutes before the start).
        var beforeDefault = await staff.SubmitToAsync(page, $"{page}?handler=Times", ("OpensAt", ""), ("ClosesAt", Local(ev.StartsAt.AddMinutes(-20))));
        Assert.Equal(HttpStatusCode.BadRequest, beforeDefault.StatusCode);

        foreach (var bad in new[] { "next tuesday", "2026-13-45T25:00", "0001-01-01T00:00", "9999-12-31T23:59" })
        {
            var refused = await staff.SubmitToAsync(page, $"{page}?handler=Times", ("OpensAt", bad), ("ClosesAt", ""));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Opening time:", await refused.VisibleTextAsync());
        }

        var board = await StoredAsync(ev.Id);
        Assert.Null(board.OpensAt);
        Assert.Null(board.ClosesAt);
        Assert.Equal(0, board.SettingsSequence);
    }

    [Fact]
    public async Task The_session_code_shows_large_with_its_join_address_lets_someone_join_and_stops_working_when_turned_off()
    {
        var ev = await app.OpenEventAsync();
        var staff = await app.SignedInAdminAsync();
        var page = $"/manage/events/{ev.Id}/board";
        Assert.Contains("The session code is off", await (await staff.GetAsync(page)).VisibleTextAsync());

        await staff.SubmitToAsync(page, $"{page}?handler=SessionCode", ("On", "true"));
        var code = (await StoredAsync(ev.Id)).SessionCode;
        Assert.NotNull(code);
        var html = await (await staff.GetAsync(page)).Content.ReadAsStringAsync();
        Assert.Contains($"class=\"session-code__code\"", html);
        Assert.Contains($"<span aria-hidden=\"true\">{code}</span><span class=\"visually-hidden\">{string.Join(" ", code!.ToCharArray())}</span></p>", html);
        Assert.Contains($"https://localhost/board/join?code={code}", html);

        var guest = app.CreateBrowserLikeClient();
        var joined = await guest.SubmitAsync($"/board/join?code={code}", ("Code", code!), ("Name", "Gwen Guest"), ("Organisation", "Cedar Family Hub"));
        Assert.Equal(HttpStatusCode.SeeOther, joined.StatusCode);
        Assert.Contains("What are you posting?", await (await guest.GetAsync($"/board/{ev.Id}")).VisibleTextAsync());

        // A new code replaces the old one.
        await staff.SubmitToAsync(page, $"{page}?handler=SessionCode", ("On", "true"));
        var second = (await StoredAsync(ev.Id)).SessionCode;
        Assert.NotNull(second);
        Assert.NotEqual(code, second);

        await staff.SubmitToAsync(page, $"{page}?handler=SessionCode", ("On", "false"));
        Assert.Null((await StoredAsync(ev.Id)).SessionCode);
        var late = await app.CreateBrowserLikeClient().SubmitAsync("/board/join", ("Code", second!), ("Name", "Lou Late"), ("Organisation", "Daisy"));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("The session code is off", await (await staff.GetAsync(page)).VisibleTextAsync());
    }

    [Fact]
    public async Task Pre_moderation_turned_on_here_holds_new_posts_and_tells_participants_and_a_bad_value_is_a_400()
    {
        var ev = await app.OpenEventAsync();
        var staff = await app.SignedInAdminAsync();
        var page = $"/manage/events/{ev.Id}/board";
        var participant = await app.ParticipantBrowserAsync(ev.Id);
        Assert.DoesNotContain("A moderator reads each post before others see it.", await (await participant.GetAsync($"/board/{ev.Id}")).VisibleTextAsync());

        var bad = await staff.SubmitToAsync(page, $"{page}?handler=PreModeration", ("On", "perhaps"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.False((await StoredAsync(ev.Id)).PreModeration);

        var on = await staff.SubmitToAsync(page, $"{page}?handler=PreModeration", ("On", "true"));
        Assert.Equal(HttpStatusCode.SeeOther, on.StatusCode);
        Assert.True((await StoredAsync(ev.Id)).PreModeration);
        Assert.Contains("Pre-moderation is on", await (await staff.GetAsync(page)).VisibleTextAsync());
        Assert.Contains("A moderator reads each post before others see it.", await (await participant.GetAsync($"/board/{ev.Id}")).VisibleTextAsync());

        var poster = await app.ParticipantAsync(ev.Id, "Hana Held", "Acacia Family Support");
        var post = await app.PostAsync(poster, "Is there a good way to share a waiting list between services?");
        Assert.Equal("held", post.State);

        await staff.SubmitToAsync(page, $"{page}?handler=PreModeration", ("On", "false"));
        Assert.False((await StoredAsync(ev.Id)).PreModeration);
        Assert.Equal("visible", (await app.PostAsync(poster, "And how do you keep it up to date?")).State);
        var counts = await (await staff.GetAsync(page)).VisibleTextAsync();
        Assert.Contains("1 post on the board", counts);
        Assert.Contains("1 waiting for a moderator", counts);
    }

    [Fact]
    public async Task The_staff_event_pages_link_to_the_board_settings_which_link_to_the_board_the_presenter_view_the_exports_and_the_watched_words()
    {
        var ev = await app.CreateAsync();
        var staff = await app.SignedInAdminAsync();
        var overview = await (await staff.GetAsync($"/manage/events/{ev.Id}")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/manage/events/{ev.Id}/board\"", overview);
        var registrations = await (await staff.GetAsync($"/manage/events/{ev.Id}/registrations")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/manage/events/{ev.Id}/board\"", registrations);

        var settings = await staff.GetAsync($"/manage/events/{ev.Id}/board");
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        var html = await settings.Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/board/{ev.Id}\"", html);
        Assert.Contains($"href=\"/manage/events/{ev.Id}/board/present\"", html);
        Assert.Contains($"href=\"/manage/events/{ev.Id}/board/posts.csv\"", html);
        Assert.Contains($"href=\"/manage/events/{ev.Id}/board/shared-learning.md\"", html);
        Assert.Contains("href=\"/manage/board/watched-words\"", html);
        Assert.Contains("aria-current=\"page\">Live board</a>", html);

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/manage/events/987654321/board")).StatusCode);
    }

    [Theory]
    [InlineData("/manage/events/{0}/board")]
    [InlineData("/manage/events/{0}/board/present")]
    [InlineData("/manage/events/{0}/board/posts.csv")]
    [InlineData("/manage/events/{0}/board/shared-learning.md")]
    [InlineData("/manage/board/watched-words")]
    public async Task Every_staff_page_of_the_board_sends_a_visitor_to_sign_in_and_a_participant_pass_is_not_enough(string path)
    {
        var ev = await app.OpenEventAsync();
        var url = string.Format(path, ev.Id);
        foreach (var client in new[] { app.CreateBrowserLikeClient(), await app.ParticipantBrowserAsync(ev.Id) })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/sign-in", response.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAdminAsync()).GetAsync(url)).StatusCode);
    }
}
