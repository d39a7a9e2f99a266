using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Features.Newsletters;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Tests.Newsletters;

/// <summary>
/// The newsletter's building blocks expanded from a real database: which events and which board posts make it in,
/// in what order, and that nothing typed into the database can become markup in the email.
/// </summary>
public sealed class NewsletterBlocksTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>, IAsyncLifetime
{
    private const string Source = $"Hello everyone.\n\n{NewsletterContent.UpcomingEventsBlock}\n\n{NewsletterContent.SharedLearningBlock}\n\nSee you soon.";
    private readonly TestClock _clock = new();

    /// <summary>Each test starts from no events (boards and posts go with them), so one test's events are not another's.</summary>
    public Task InitializeAsync() => app.WithDbAsync(db => db.Events.ExecuteDeleteAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public async Task Upcoming_events_lists_the_next_published_ones_in_order_with_when_where_and_register_links()
    {
        var inPerson = await app.CreateAsync(startsAt: Now.AddDays(3), change: e => e.Title = "Community day");
        var online = await app.CreateAsync(kind: EventKind.ConversationSpace, startsAt: Now.AddDays(1), change: e => e.Title = "Conversation Space: winter");
        var notYetOpen = await app.CreateAsync(startsAt: Now.AddDays(20), change: e => { e.Title = "Summer gathering"; e.RegistrationOpensAt = Now.AddDays(5); });
        await app.CreateAsync(status: EventStatus.Draft, startsAt: Now.AddDays(2), change: e => e.Title = "Draft plans");
        await app.CreateAsync(status: EventStatus.Cancelled, startsAt: Now.AddDays(2), change: e => e.Title = "Called off");
        await app.CreateAsync(startsAt: Now.AddDays(-1), change: e => e.Title = "Already happened");
        await app.CreateAsync(startsAt: Now.AddMinutes(-30), change: e => e.Title = "Happening now");

        var markdown = await ExpandAsync(Source);
        var text = NewsletterContent.PlainText(markdown);
        var html = NewsletterContent.EmailHtml(markdown);

        Assert.StartsWith("Hello everyone.\n\n## Upcoming sessions and events\n\n", markdown);
        Assert.EndsWith("See you soon.", markdown);
        Assert.DoesNotContain("{{", markdown);
        var order = new[] { "Conversation Space: winter", "Community day", "Summer gathering" }.Select(t => text.IndexOf(t, StringComparison.Ordinal)).ToList();
        Assert.True(order.All(i => i > 0) && order.SequenceEqual(order.Order()), $"events out of order or missing:\n{text}");
        foreach (var absent in new[] { "Draft plans", "Called off", "Already happened", "Happening now" }) Assert.DoesNotContain(absent, text);

        Assert.Contains($"- Conversation Space: winter\n  {PublicEvents.WhenInFull(online)}, Online\n  Register (https://localhost/events/{online.Id}/register) or find out more (https://localhost/events/{online.Id})", text);
        Assert.Contains($"- Community day\n  {PublicEvents.WhenInFull(inPerson)}, The Community Hall, 1 High Street, Birmingham, B1 1AA\n  Register (https://localhost/events/{inPerson.Id}/register)", text);
        // Not open yet: it says when it opens rather than offering a form that would turn the reader away.
        Assert.Contains($"Registration opens on {EventTime.Describe(notYetOpen.RegistrationOpensAt!.Value, notYetOpen.TimeZoneId)}. Find out more (https://localhost/events/{notYetOpen.Id})", text);
        Assert.DoesNotContain($"/events/{notYetOpen.Id}/register", text);

        Assert.Matches($@"<a href=""https://localhost/events/{online.Id}/register"" style=""[^""]+"">Register</a>", html);
        Assert.Matches($@"<h3 style=""[^""]+"">Upcoming sessions and events</h3>", html);
        Assert.Contains("<strong>Community day</strong>", html);
    }

    [Fact]
    public async Task Upcoming_events_shows_at_most_six_the_soonest_first()
    {
        var events = new List<Event>();
        for (var day = 8; day >= 1; day--) events.Add(await app.CreateAsync(startsAt: Now.AddDays(day), change: e => e.Title = $"Session {e.StartsAt:dd MMM}"));

        var text = NewsletterContent.PlainText(await ExpandAsync(NewsletterContent.UpcomingEventsBlock));

        Assert.Equal(NewsletterBlocks.MostUpcomingEvents, text.Split("Register (").Length - 1);
        foreach (var soon in events.Where(e => e.StartsAt < Now.AddDays(7))) Assert.Contains($"/events/{soon.Id}/register", text);
        foreach (var later in events.Where(e => e.StartsAt > Now.AddDays(7))) Assert.DoesNotContain($"/events/{later.Id}", text);
    }

    [Fact]
    public async Task With_no_upcoming_events_the_block_says_so_under_its_heading()
    {
        await app.CreateAsync(status: EventStatus.Draft, startsAt: Now.AddDays(2));

        var text = NewsletterContent.PlainText(await ExpandAsync(NewsletterContent.UpcomingEventsBlock));

        Assert.Equal($"{NewsletterBlocks.UpcomingEventsHeading}\n{new string('-', NewsletterBlocks.UpcomingEventsHeading.Length)}\n\n{NewsletterBlocks.NoUpcomingEvents}", text);
    }

    [Fact]
    public async Task A_hostile_event_title_or_venue_comes_through_as_the_words_typed_and_never_as_markup()
    {
        const string title = "[x](javascript:alert(1)) <b>bold</b> ![i](https://evil.example/t.png) **loud** # not a heading";
        const string venue = "<script>alert(1)</script> www.evil.example";
        var ev = await app.CreateAsync(startsAt: Now.AddDays(2), change: e => { e.Title = title; e.VenueName = venue; });

        var markdown = await ExpandAsync(NewsletterContent.UpcomingEventsBlock);
        var html = NewsletterContent.EmailHtml(markdown);
        var text = NewsletterContent.PlainText(markdown);

        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("href=\"javascript", html);
        Assert.DoesNotContain("evil.example\"", html);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Equal(2, html.Split("<a ").Length - 1); // Register, find out more: our links only
        Assert.Contains($"- {title}\n", text);
        Assert.Contains($", {venue}, 1 High Street, Birmingham, B1 1AA\n  Register (https://localhost/events/{ev.Id}/register)", text);
    }

    [Fact]
    public async Task Shared_learning_quotes_the_marked_visible_posts_of_the_last_ended_Conversation_Space_without_names()
    {
        var older = await SessionAsync(endedDaysAgo: 40);
        await PostAsync(older, "Learning from long ago.", marked: true);

        var last = await SessionAsync(endedDaysAgo: 10);
        await PostAsync(last, "We pair new volunteers with a buddy.\nRetention went up.", marked: true, votes: 1, name: "Ana Named", organisation: "Acacia Family Support",
            reply: "Thank you <b>Ana</b>!");
        await PostAsync(last, "A dads' WhatsApp group worked better than evening sessions.", marked: true, votes: 3, name: "Ben Quiet", organisation: "Bluebell Care", anonymous: true);
        await PostAsync(last, "<script>alert(1)</script> [x](javascript:alert(1))", marked: true, name: "Cat Hostile", organisation: "Cedar Hub");
        await PostAsync(last, "Learning nobody marked.", marked: false);
        await PostAsync(last, "Marked, then hidden by a moderator.", marked: true, state: PostState.Hidden);
        await PostAsync(last, "Marked, still held.", marked: true, state: PostState.Held);
        await PostAsync(last, "Marked, then deleted by its author.", marked: true, state: PostState.Deleted);
        await PostAsync(last, "A question, somehow marked.", marked: true, kind: PostKind.Question);

        var newerWithoutMarks = await SessionAsync(endedDaysAgo: 2);
        await PostAsync(newerWithoutMarks, "Recent learning nobody marked.", marked: false);
        var notEnded = await SessionAsync(endedDaysAgo: 0, running: true);
        await PostAsync(notEnded, "Marked during today's session.", marked: true);
        var faceToFace = await SessionAsync(endedDaysAgo: 1, kind: EventKind.InPerson);
        await PostAsync(faceToFace, "Marked at a face-to-face event.", marked: true);
        var cancelled = await SessionAsync(endedDaysAgo: 1, status: EventStatus.Cancelled);
        await PostAsync(cancelled, "Marked on a cancelled session's board.", marked: true);

        var markdown = await ExpandAsync(Source);
        var text = NewsletterContent.PlainText(markdown);
        var html = NewsletterContent.EmailHtml(markdown);

        Assert.Contains($"{NewsletterBlocks.SharedLearningHeading}\n", text);
        Assert.Contains($"From the session on {EventTime.Day(last.StartsAt, last.TimeZoneId)}: {last.Title}", text);
        var dads = text.IndexOf("> A dads' WhatsApp group worked better than evening sessions.", StringComparison.Ordinal);
        var buddy = text.IndexOf("> We pair new volunteers with a buddy.\n> Retention went up.", StringComparison.Ordinal);
        Assert.True(dads > 0 && buddy > dads, $"most-voted first:\n{text}");
        Assert.Contains("Reply from the Hearts & Minds team: Thank you <b>Ana</b>!", text);
        Assert.Contains("> <script>alert(1)</script> [x](javascript:alert(1))", text);
        foreach (var absent in new[] { "long ago", "nobody marked", "hidden by", "still held", "deleted", "A question", "today's session", "face-to-face", "cancelled session" })
            Assert.DoesNotContain(absent, text);
        foreach (var name in new[] { "Ana Named", "Acacia", "Ben Quiet", "Bluebell", "Cat Hostile", "Cedar" })
            Assert.DoesNotContain(name, text);

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("href=\"javascript", html);
        Assert.Matches(@"<blockquote style=""[^""]+"">\s*<p style=""[^""]+"">A dads&#39; WhatsApp group", html);
    }

    [Fact]
    public async Task With_no_marked_learning_the_shared_learning_block_leaves_no_heading_behind()
    {
        var session = await SessionAsync(endedDaysAgo: 3);
        await PostAsync(session, "Learning nobody marked.", marked: false);

        var markdown = await ExpandAsync($"Hello.\n\n{NewsletterContent.SharedLearningBlock}\n\nBye.");

        Assert.DoesNotContain(NewsletterBlocks.SharedLearningHeading, markdown);
        Assert.DoesNotContain("{{", markdown);
        Assert.Equal("Hello.\n\nBye.", NewsletterContent.PlainText(markdown));
        // As a browser's form sends it (CRLF), with stray spaces round the block's line.
        Assert.Equal("Hello.\r\n\r\nBye.", await ExpandAsync($"Hello.\r\n  {NewsletterContent.SharedLearningBlock} \r\nBye."));
    }

    [Fact]
    public async Task Text_without_blocks_or_with_block_words_inside_a_line_is_left_as_written()
    {
        await app.CreateAsync(startsAt: Now.AddDays(2));
        const string plain = "Hello.\n\nWe write {{upcoming-events}} on a line of its own to list events.\n";

        Assert.Equal(plain, await ExpandAsync(plain));
    }

    private async Task<string> ExpandAsync(string markdown)
    {
        using var scope = app.Services.CreateScope();
        var blocks = new NewsletterBlocks(scope.ServiceProvider.GetRequiredService<CommunityDb>(),
            scope.ServiceProvider.GetRequiredService<IOptions<SiteOptions>>(), _clock);
        return await blocks.ExpandAsync(markdown, CancellationToken.None);
    }

    /// <summary>A session (by default an online Conversation Space) that ended some days ago, with its board.</summary>
    private async Task<Event> SessionAsync(int endedDaysAgo, bool running = false, EventKind kind = EventKind.ConversationSpace,
        EventStatus status = EventStatus.Published)
    {
        var start = running ? Now.AddMinutes(-30) : Now.AddDays(-endedDaysAgo).AddHours(-2);
        var ev = await app.CreateAsync(kind: kind, status: status, startsAt: start, change: e => e.Title = $"Conversation Space {start:d MMMM}");
        await app.WithDbAsync(async db =>
        {
            db.Boards.Add(new Board { EventId = ev.Id });
            return await db.SaveChangesAsync();
        });
        return ev;
    }

    private Task<int> PostAsync(Event ev, string body, bool marked, int votes = 0, string name = "Someone", string organisation = "Somewhere",
        bool anonymous = false, PostState state = PostState.Visible, PostKind kind = PostKind.Learning, string? reply = null) =>
        app.WithDbAsync(async db =>
        {
            var board = await db.Boards.SingleAsync(b => b.EventId == ev.Id);
            var participant = new BoardParticipant { BoardId = board.Id, DisplayName = name, Organisation = organisation };
            db.BoardPosts.Add(new BoardPost
            {
                BoardId = board.Id, Participant = participant, Kind = kind, Body = body, Anonymous = anonymous, State = state,
                ForNewsletter = marked, Votes = votes, StaffReply = reply, Sequence = ++board.LastSequence,
            });
            return await db.SaveChangesAsync();
        });
}
