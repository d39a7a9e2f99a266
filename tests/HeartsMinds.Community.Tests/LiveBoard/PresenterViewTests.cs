using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Features.LiveBoard.Manage;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using QRCoder;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>/manage/events/{id}/board/present: the pinned posts and top questions, the code and its QR code, and no anonymous poster's name.</summary>
public sealed partial class PresenterViewTests(BoardStaffAppFactory app) : IClassFixture<BoardStaffAppFactory>
{
    [Fact]
    public async Task It_shows_the_pinned_posts_then_the_six_most_voted_questions_and_never_an_anonymous_posters_name()
    {
        var ev = await app.OpenEventAsync("Conversation Space: winter");
        var named = await app.ParticipantAsync(ev.Id, "Nia Named", "Acacia Family Support");
        var secret = await app.ParticipantAsync(ev.Id, "Sid Secretive", "Hidden Harbour Trust");
        var voters = new List<BoardCaller>();
        for (var i = 0; i < 5; i++) voters.Add(await app.ParticipantAsync(ev.Id, $"Voter {i}", "Voting Org"));

        var pinnedLearning = await app.PostAsync(secret, "Our buddy scheme keeps volunteers for longer.", PostKind.Learning, anonymous: true);
        await app.ModerateAsync(ev.Id, pinnedLearning.Id, ModerationAction.Pin);
        var questions = new List<PostView>();
        for (var i = 1; i <= 7; i++)
            questions.Add(await app.PostAsync(i % 2 == 0 ? secret : named, $"Question number {i}?", anonymous: i % 2 == 0));
        // Votes: question 7 most, then 2, then the rest none; question 1 has none and is the oldest.
        foreach (var voter in voters) await app.VoteAsync(questions[6].Id, voter);
        foreach (var voter in voters.Take(3)) await app.VoteAsync(questions[1].Id, voter);
        var hidden = await app.PostAsync(named, "A question a moderator hid?");
        await app.ModerateAsync(ev.Id, hidden.Id, ModerationAction.Hide);
        await app.ModerateAsync(ev.Id, questions[1].Id, ModerationAction.MarkAnswered);
        var learning = await app.PostAsync(named, "Unpinned learning is not a question.", PostKind.Learning);

        var staff = await app.SignedInAdminAsync();
        var response = await staff.GetAsync($"/manage/events/{ev.Id}/board/present");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var text = await response.VisibleTextAsync();

        Assert.Contains("Our buddy scheme keeps volunteers for longer.", text);
        Assert.True(text.IndexOf("Pinned", StringComparison.Ordinal) < text.IndexOf("Our buddy scheme", StringComparison.Ordinal));
        var shown = QuestionNumber().Matches(text).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal([7, 2, 1, 3, 4, 5], shown); // most votes first, then the oldest; six of them
        Assert.Contains("Question number 2? Question Anonymous 3 votes Answered", text);
        Assert.Contains("Question number 7? Question Nia Named, Acacia Family Support 5 votes", text);
        Assert.DoesNotContain("A question a moderator hid", text);
        Assert.DoesNotContain("Unpinned learning", text);
        // Staff may see who posted anonymously on the board itself, but this screen is shared with everyone.
        Assert.DoesNotContain("Sid Secretive", html);
        Assert.DoesNotContain("Hidden Harbour", html);

        // Without the session code there is no code and no QR code, just how people with a place join.
        Assert.DoesNotContain("<svg", html);
        Assert.Contains("from the link in your invitation or reminder email", text);
        // The refresh link works without JavaScript; htmx asks for the live part every few seconds.
        Assert.Contains($"<a href=\"/manage/events/{ev.Id}/board/present\">Refresh</a>", html);
        Assert.Matches($"hx-get=\"/manage/events/{ev.Id}/board/present\" hx-trigger=\"every 5s\" hx-swap=\"outerHTML\"", html);
        Assert.DoesNotContain("<script>", html);
        Assert.True(response.Headers.CacheControl!.NoStore);

        // htmx's request gets only the live part, with the same trigger so it carries on, and still no name.
        var part = await staff.HtmxGetAsync($"/manage/events/{ev.Id}/board/present");
        var partHtml = await part.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, part.StatusCode);
        Assert.DoesNotContain("<html", partHtml);
        Assert.StartsWith("<div class=\"present\" id=\"present-live\"", partHtml.Trim());
        Assert.Contains("hx-trigger=\"every 5s\"", partHtml);
        Assert.Contains("Question number 7?", partHtml);
        Assert.DoesNotContain("Sid Secretive", partHtml);
        Assert.Contains("HX-Request", part.Headers.Vary);
    }

    [Fact]
    public async Task With_the_session_code_on_it_shows_the_code_and_a_QR_code_of_the_join_address_drawn_inline()
    {
        var ev = await app.OpenEventAsync();
        var moderator = await app.ModeratorAsync(ev.Id);
        var code = (await app.WithBoardDeskAsync(desk => desk.SetSessionCodeAsync(moderator, on: true))).SessionCode!;

        var html = await (await (await app.SignedInAdminAsync()).GetAsync($"/manage/events/{ev.Id}/board/present")).Content.ReadAsStringAsync();
        var address = $"https://localhost/board/join?code={code}";
        Assert.Contains($"<span aria-hidden=\"true\">{code}</span><span class=\"visually-hidden\">{string.Join(" ", code!.ToCharArray())}</span></p>", html);
        Assert.Contains($"<span class=\"present__address\">{address}</span>", html);
        Assert.Contains($"<title id=\"present-qr-title\">QR code that opens {address}</title>", html);

        // The path draws exactly QRCoder's modules for that address (CSP: no inline style, no image request).
        var drawn = QrPath().Match(html);
        Assert.True(drawn.Success);
        var size = int.Parse(drawn.Groups[1].Value);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(address, QRCodeGenerator.ECCLevel.M);
        Assert.Equal(data.ModuleMatrix.Count, size);
        var dark = new bool[size, size];
        foreach (Match rect in Regex.Matches(drawn.Groups[2].Value, @"M(\d+) (\d+)h(\d+)v1h-\3z"))
            for (var x = 0; x < int.Parse(rect.Groups[3].Value); x++)
                dark[int.Parse(rect.Groups[2].Value), int.Parse(rect.Groups[1].Value) + x] = true;
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
            Assert.True(data.ModuleMatrix[y][x] == dark[y, x], $"module ({x}, {y})");
        Assert.DoesNotContain("style=", Regex.Match(html, "<svg.*?</svg>", RegexOptions.Singleline).Value);
    }

    [Fact]
    public async Task A_post_with_markup_is_shown_as_text()
    {
        var ev = await app.OpenEventAsync();
        var poster = await app.ParticipantAsync(ev.Id, "Max Markup", "Elm Trust");
        await app.PostAsync(poster, "<script>alert(1)</script><img src=x onerror=alert(2)>?");
        var html = await (await (await app.SignedInAdminAsync()).GetAsync($"/manage/events/{ev.Id}/board/present")).Content.ReadAsStringAsync();
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;?", html);
        Assert.DoesNotContain("<img src=x", html);
    }

    [GeneratedRegex(@"Question number (\d)\?")]
    private static partial Regex QuestionNumber();

    [GeneratedRegex(@"<svg class=""present__qr"" viewBox=""0 0 (\d+) \1"".*?<path d=""([^""]+)""", RegexOptions.Singleline)]
    private static partial Regex QrPath();
}
