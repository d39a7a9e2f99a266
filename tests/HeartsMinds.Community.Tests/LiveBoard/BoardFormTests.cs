using System.Net;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using static HeartsMinds.Community.Tests.LiveBoard.BoardTesting;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>
/// The board without JavaScript: every action a plain form with antiforgery, answered by a 303 back to the board, or
/// by the board again with a clear message and a 4xx, having saved nothing.
/// </summary>
public sealed class BoardFormTests(BoardAppFactory app) : IClassFixture<BoardAppFactory>
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, long eventId, string handler, params KeyValuePair<string, string>[] fields) =>
        client.SubmitAsync($"/board/{eventId}", fields, $"/board/{eventId}?handler={handler}");

    [Fact]
    public async Task Post_vote_and_report_by_plain_forms()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var ada = await app.BrowserAsync(await app.JoinAsAttendeeAsync(ev.Id, "Ada Able"));
        var bo = await app.BrowserAsync(await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker"));

        var posted = await ActAsync(ada, ev.Id, "Post", F("Kind", "learning"), F("Body", "We text people the day before."), F("Anonymous", "true"));
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal($"/board/{ev.Id}", posted.Headers.Location!.OriginalString);
        var post = (await app.PostsAsync(ev.Id)).Single();
        Assert.Equal((PostKind.Learning, "We text people the day before.", true), (post.Kind, post.Body, post.Anonymous));
        var adaPage = await ada.TextAsync($"/board/{ev.Id}");
        Assert.Contains("Your post is on the board.", adaPage);

        var voted = await ActAsync(bo, ev.Id, "Vote", F("PostId", post.Id.ToString()), F("Up", "true"));
        Assert.Equal(HttpStatusCode.SeeOther, voted.StatusCode);
        Assert.Equal($"/board/{ev.Id}#post-{post.Id}", voted.Headers.Location!.OriginalString);
        var reported = await ActAsync(bo, ev.Id, "Report", F("PostId", post.Id.ToString()));
        Assert.Equal(HttpStatusCode.SeeOther, reported.StatusCode);

        var stored = (await app.PostsAsync(ev.Id)).Single();
        Assert.Equal((1, 1), (stored.Votes, stored.Reports));
        var boPage = await bo.TextAsync($"/board/{ev.Id}");
        Assert.Contains("We text people the day before.", boPage);
        Assert.DoesNotContain("Ada Able", boPage); // anonymous to other participants
        Assert.Contains("Ada Able", await (await app.SignedInAdminAsync()).TextAsync($"/board/{ev.Id}")); // staff see who posted
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(bo, ev.Id, "Vote", F("PostId", post.Id.ToString()), F("Up", "true"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(bo, ev.Id, "Report", F("PostId", post.Id.ToString()))).StatusCode);
        Assert.Equal(1, await app.CountAsync(db => db.BoardVotes.CountAsync(v => v.PostId == post.Id)));
    }

    [Theory]
    [InlineData("", "Your post is empty")]
    [InlineData("   ", "Your post is empty")]
    [InlineData("over-long", "Your post can be at most 1,000 characters; this one has 1,001")]
    [InlineData("Null\0byte", "Something in that request wasn't right")] // the site turns a NUL away before the page sees it
    [InlineData("Escape\u001b[31m", "control characters")]
    public async Task A_post_that_cannot_be_stored_is_answered_400_with_why_and_nothing_is_saved(string body, string message)
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var ada = await app.BrowserAsync(await app.JoinAsAttendeeAsync(ev.Id, "Ada Able"));

        var response = await ActAsync(ada, ev.Id, "Post", F("Kind", "question"), F("Body", body == "over-long" ? new string('b', 1001) : body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
        Assert.Empty(await app.PostsAsync(ev.Id));
        Assert.Equal(0, (await app.BoardAsync(ev.Id)).LastSequence);
    }

    [Fact]
    public async Task Unknown_posts_other_peoples_posts_and_staff_handlers_are_refused_with_a_4xx()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var other = await app.OpenBoardEventAsync(app.Clock);
        var ada = await app.BrowserAsync(await app.JoinAsAttendeeAsync(ev.Id, "Ada Able"));
        var bo = await app.BrowserAsync(await app.JoinAsAttendeeAsync(ev.Id, "Bo Baker"));
        var elsewhere = await app.BrowserAsync(await app.JoinAsAttendeeAsync(other.Id, "Eli Elsewhere"));
        Assert.Equal(HttpStatusCode.SeeOther, (await ActAsync(ada, ev.Id, "Post", F("Kind", "question"), F("Body", "Ada's question"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await ActAsync(elsewhere, other.Id, "Post", F("Kind", "question"), F("Body", "On another board"))).StatusCode);
        var post = (await app.PostsAsync(ev.Id)).Single();
        var otherPost = (await app.PostsAsync(other.Id)).Single();
        var sequenceBefore = (await app.BoardAsync(ev.Id)).LastSequence;

        await Refused(ada, ev.Id, "Vote", HttpStatusCode.NotFound, "not on this board", F("PostId", "999999"), F("Up", "true"));
        await Refused(ada, ev.Id, "Vote", HttpStatusCode.NotFound, "not on this board", F("PostId", otherPost.Id.ToString()), F("Up", "true"));
        await Refused(ada, ev.Id, "Report", HttpStatusCode.NotFound, "not on this board", F("PostId", "-1"));
        await Refused(bo, ev.Id, "Edit", HttpStatusCode.Forbidden, "only your own posts", F("PostId", post.Id.ToString()), F("Body", "Bo's words"));
        await Refused(bo, ev.Id, "Delete", HttpStatusCode.Forbidden, "only your own posts", F("PostId", post.Id.ToString()));
        await Refused(bo, ev.Id, "Moderate", HttpStatusCode.Forbidden, "Only moderators can do that", F("PostId", post.Id.ToString()), F("Action", "Hide"));
        await Refused(bo, ev.Id, "Reply", HttpStatusCode.Forbidden, "Only moderators can do that", F("PostId", post.Id.ToString()), F("Body", "Answered"));
        await Refused(bo, ev.Id, "PreModeration", HttpStatusCode.Forbidden, "Only moderators can do that", F("On", "true"));
        await Refused(bo, ev.Id, "Remove", HttpStatusCode.Forbidden, "Only moderators can do that", F("ParticipantId", "1"));
        // A pass for another board is no pass for this one.
        await Refused(elsewhere, ev.Id, "Post", HttpStatusCode.Forbidden, "Join the board first", F("Kind", "question"), F("Body", "Crossing over"));
        await Refused(app.CreateBrowserLikeClient(), ev.Id, "Post", HttpStatusCode.Forbidden, "Join the board first", F("Kind", "question"), F("Body", "No pass"));

        var stored = (await app.PostsAsync(ev.Id)).Single();
        Assert.Equal(("Ada's question", PostState.Visible, 0, 0, null), (stored.Body, stored.State, stored.Votes, stored.Reports, stored.StaffReply));
        var board = await app.BoardAsync(ev.Id);
        Assert.Equal((sequenceBefore, false), (board.LastSequence, board.PreModeration));
        Assert.Equal(0, await app.CountAsync(async db => await db.BoardVotes.CountAsync(v => v.PostId == post.Id) + await db.BoardReports.CountAsync(r => r.PostId == post.Id)));
        Assert.Equal(0, await app.CountAsync(db => db.BoardParticipants.CountAsync(p => p.BoardId == board.Id && p.RemovedAt != null)));
    }

    private static async Task Refused(HttpClient client, long eventId, string handler, HttpStatusCode status, string message, params KeyValuePair<string, string>[] fields)
    {
        // The token comes from /board/join, a page every visitor gets a form on.
        var response = await client.SubmitAsync("/board/join", fields, $"/board/{eventId}?handler={handler}");
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
    }

    [Fact]
    public async Task Staff_moderate_by_plain_forms()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var ada = await app.BrowserAsync(await app.JoinAsAttendeeAsync(ev.Id, "Ada Able"));
        Assert.Equal(HttpStatusCode.SeeOther, (await ActAsync(ada, ev.Id, "Post", F("Kind", "question"), F("Body", "Ada's question"))).StatusCode);
        var post = (await app.PostsAsync(ev.Id)).Single();
        var staff = await app.SignedInAdminAsync();

        Assert.Equal(HttpStatusCode.SeeOther, (await ActAsync(staff, ev.Id, "Reply", F("PostId", post.Id.ToString()), F("Body", "Try the toolkit."))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await ActAsync(staff, ev.Id, "Moderate", F("PostId", post.Id.ToString()), F("Action", "Hide"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ActAsync(staff, ev.Id, "Moderate", F("PostId", post.Id.ToString()), F("Action", "Explode"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await ActAsync(staff, ev.Id, "PreModeration", F("On", "true"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(staff, ev.Id, "Post", F("Kind", "question"), F("Body", "Staff post"))).StatusCode);

        var stored = (await app.PostsAsync(ev.Id)).Single();
        Assert.Equal((PostState.Hidden, "Try the toolkit."), (stored.State, stored.StaffReply));
        Assert.True((await app.BoardAsync(ev.Id)).PreModeration);
        Assert.Contains("Removed by a moderator.", await ada.TextAsync($"/board/{ev.Id}"));
    }

    [Fact]
    public async Task Only_a_confirmed_place_gets_a_pass_from_a_persons_own_link()
    {
        var ev = await app.CreateAsync(capacity: 1, kind: Features.Events.EventKind.ConversationSpace, startsAt: app.Clock.GetUtcNow().AddMinutes(10));
        await app.JoinAsAttendeeAsync(ev.Id, "Fay First");
        var waiting = (await app.RegisteredAsync(ManageTesting.Person(ev.Id, "Late Org", "Wes Waiting", "wes@late.example"))).Attendees.Single();
        Assert.Equal(Features.Registrations.AttendeeStatus.Waitlisted, waiting.Status);
        var token = await app.WithDbAsync(async db =>
        {
            var token = Features.Registrations.PrivateLink.IssueFor(db, await db.Attendees.SingleAsync(a => a.Id == waiting.Id), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return token;
        });
        var participantsBefore = await app.CountAsync(db => db.BoardParticipants.CountAsync());

        var refused = await NoCookiesClient(app).GetAsync($"/places/{token}/board");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("for people with a place at the session", await refused.TextAsync());
        Assert.Null(SetCookie(refused, BoardPass.CookieName(ev.Id)));
        var unknown = await NoCookiesClient(app).GetAsync($"/places/{new string('x', 43)}/board");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("This link doesn't work", await unknown.TextAsync());
        Assert.Equal(participantsBefore, await app.CountAsync(db => db.BoardParticipants.CountAsync()));
    }

    [Fact]
    public async Task A_draft_events_board_is_not_there_except_for_staff()
    {
        var draft = await app.CreateAsync(kind: Features.Events.EventKind.ConversationSpace, status: Features.Events.EventStatus.Draft,
            startsAt: app.Clock.GetUtcNow().AddMinutes(5), change: e => e.Title = "Unannounced draft session");

        var visitor = await app.CreateBrowserLikeClient().GetAsync($"/board/{draft.Id}");
        Assert.Equal(HttpStatusCode.NotFound, visitor.StatusCode);
        Assert.DoesNotContain("Unannounced draft session", await visitor.TextAsync());
        await using var screen = await app.ConnectAsync(cookie: null);
        Assert.Contains("You have not joined this board", await RefusedAsync(() => screen.Connection.InvokeAsync<BoardSync>("Join", draft.Id, 0L)));
        Assert.Contains("Unannounced draft session", await (await app.SignedInAdminAsync()).TextAsync($"/board/{draft.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserLikeClient().GetAsync("/board/999999999")).StatusCode);
    }

    [Theory]
    [InlineData("", "Enter the session code")]
    [InlineData("K7Q", "A session code is 6 letters and numbers")]
    [InlineData("K7QP2O", "A session code is 6 letters and numbers")] // O is not in the alphabet
    [InlineData("ZZZZZZ", "We don't recognise that code")]
    public async Task Joining_with_a_bad_code_is_answered_400_and_adds_no_participant(string code, string message)
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        await app.AsStaffAsync(ev.Id, (desk, staff) => desk.SetSessionCodeAsync(staff, on: true));
        var before = await app.CountAsync(db => db.BoardParticipants.CountAsync());

        var response = await app.CreateBrowserLikeClient().SubmitAsync("/board/join", ("Code", code), ("Name", "Walk In"), ("Organisation", "Drop-in Org"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
        Assert.Null(SetCookie(response, BoardPass.CookieName(ev.Id)));
        Assert.Equal(before, await app.CountAsync(db => db.BoardParticipants.CountAsync()));
    }

    [Fact]
    public async Task Joining_with_the_session_code_gives_a_pass_and_takes_you_to_the_board()
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var state = await app.AsStaffAsync(ev.Id, (desk, staff) => desk.SetSessionCodeAsync(staff, on: true));
        var code = state.SessionCode!;
        var client = app.CreateBrowserLikeClient();

        // Typed as people type it: lower case, with a space.
        var response = await client.SubmitAsync("/board/join", ("Code", $"{code[..3].ToLowerInvariant()} {code[3..]}"), ("Name", "Walk In"), ("Organisation", "Drop-in Org"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/board/{ev.Id}", response.Headers.Location!.OriginalString);
        Assert.NotNull(SetCookie(response, BoardPass.CookieName(ev.Id)));
        var participant = await app.WithDbAsync(db => db.BoardParticipants.SingleAsync(p => p.DisplayName == "Walk In"));
        Assert.Equal(("Drop-in Org", null), (participant.Organisation, participant.AttendeeId));
        Assert.Equal(HttpStatusCode.SeeOther, (await ActAsync(client, ev.Id, "Post", F("Kind", "question"), F("Body", "From the chat"))).StatusCode);
        Assert.Contains("Walk In, Drop-in Org", await client.TextAsync($"/board/{ev.Id}"));

        // The same browser with the code again is the same participant (not a second vote)...
        var again = await client.SubmitAsync("/board/join", ("Code", code), ("Name", "Walk In Again"), ("Organisation", "Drop-in Org"));
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal(1, await app.CountAsync(db => db.BoardParticipants.CountAsync(p => p.BoardId == participant.BoardId && p.AttendeeId == null)));
        // ...and once a moderator removed them, the code does not let them back in.
        await app.AsStaffAsync(ev.Id, async (desk, staff) => { await desk.RemoveParticipantAsync(staff, participant.Id); return true; });
        var removed = await client.SubmitAsync("/board/join", ("Code", code), ("Name", "Walk In"), ("Organisation", "Drop-in Org"));
        Assert.Equal(HttpStatusCode.Forbidden, removed.StatusCode);
        Assert.Contains("A moderator has removed you from this board", await removed.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.CountAsync(db => db.BoardParticipants.CountAsync(p => p.BoardId == participant.BoardId && p.AttendeeId == null)));

        // Turned off, the code lets nobody else in.
        await app.AsStaffAsync(ev.Id, (desk, staff) => desk.SetSessionCodeAsync(staff, on: false));
        var late = await app.CreateBrowserLikeClient().SubmitAsync("/board/join", ("Code", code), ("Name", "Late Comer"), ("Organisation", "Late Org"));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(0, await app.CountAsync(db => db.BoardParticipants.CountAsync(p => p.DisplayName == "Late Comer")));
    }

    [Theory]
    [InlineData("", "Drop-in Org", "Your name is empty")]
    [InlineData("Walk\u0007In", "Drop-in Org", "Your name contains characters we can't store")]
    [InlineData("Walk In", "over-long", "Your organisation can be at most 200 characters")]
    public async Task Joining_with_a_bad_name_or_organisation_is_answered_400(string name, string organisation, string message)
    {
        var ev = await app.OpenBoardEventAsync(app.Clock);
        var code = (await app.AsStaffAsync(ev.Id, (desk, staff) => desk.SetSessionCodeAsync(staff, on: true))).SessionCode!;
        var before = await app.CountAsync(db => db.BoardParticipants.CountAsync());

        var response = await app.CreateBrowserLikeClient().SubmitAsync("/board/join",
            ("Code", code), ("Name", name), ("Organisation", organisation == "over-long" ? new string('o', 201) : organisation));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
        Assert.Equal(before, await app.CountAsync(db => db.BoardParticipants.CountAsync()));
    }
}
