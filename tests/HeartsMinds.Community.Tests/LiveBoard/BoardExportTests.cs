using System.Net;
using System.Text;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Features.LiveBoard.Manage;
using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Tests.Infrastructure;
using Markdig;

namespace HeartsMinds.Community.Tests.LiveBoard;

/// <summary>The board's exports for staff: every post as CSV, and the shared learning as Markdown; hostile text comes out inert.</summary>
public sealed class BoardExportTests(BoardStaffAppFactory app) : IClassFixture<BoardStaffAppFactory>
{
    private const string Hostile = "=cmd|' /C calc'!A0 <script>alert(1)</script> [x](javascript:alert(1)) ![i](https://evil.example/t.png)";

    private async Task<(Event Event, PostView Named, PostView Anonymous, PostView HostilePost)> BoardWithPostsAsync()
    {
        var ev = await app.OpenEventAsync("Conversation Space & friends");
        var ana = await app.ParticipantAsync(ev.Id, "Ana Named", "Acacia Family Support");
        var ben = await app.ParticipantAsync(ev.Id, "Ben Quiet", "Bluebell Care");
        var cat = await app.ParticipantAsync(ev.Id, "Cat Voter", "Cedar Hub");

        var question = await app.PostAsync(ana, "How do you keep volunteers through the winter?");
        var named = await app.PostAsync(ana, "We pair new volunteers with a buddy.\nRetention went up.\n\nAsk us how.", PostKind.Learning);
        var anonymous = await app.PostAsync(ben, "A dads' WhatsApp group worked better than evening sessions.", PostKind.Learning, anonymous: true);
        var hostile = await app.PostAsync(cat, Hostile, PostKind.Learning);
        var hidden = await app.PostAsync(ben, "Learning a moderator hid.", PostKind.Learning);
        var deleted = await app.PostAsync(cat, "Posted by mistake.", PostKind.Learning);

        await app.VoteAsync(anonymous.Id, cat);
        await app.VoteAsync(anonymous.Id, ana);
        await app.VoteAsync(named.Id, cat);
        await app.ModerateAsync(ev.Id, named.Id, ModerationAction.ForNewsletter, ModerationAction.Pin);
        await app.ModerateAsync(ev.Id, question.Id, ModerationAction.MarkAnswered);
        await app.ModerateAsync(ev.Id, hidden.Id, ModerationAction.Hide);
        var moderator = await app.ModeratorAsync(ev.Id);
        await app.WithBoardDeskAsync(desk => desk.ReplyAsync(moderator, question.Id, "=SUM(A1) we'll share notes"));
        await app.WithBoardDeskAsync(desk => desk.DeleteAsync(cat, deleted.Id));
        return (ev, named, anonymous, hostile);
    }

    [Fact]
    public async Task The_CSV_has_every_post_but_the_deleted_with_who_posted_even_anonymously_and_formulas_made_inert()
    {
        var (ev, _, _, _) = await BoardWithPostsAsync();
        var response = await (await app.SignedInAdminAsync()).GetAsync($"/manage/events/{ev.Id}/board/posts.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal($"live-board-{EventTime.LocalDate(ev.StartsAt, ev.TimeZoneId):yyyy-MM-dd}-event-{ev.Id}.csv", response.Content.Headers.ContentDisposition!.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        var lines = csv.Split("\r\n");

        Assert.Equal("Posted (UK time),Kind,State,Posted by,Anonymous,Post,Votes,Reports,Answered,Pinned,Staff reply,For the newsletter,Held because,Edited", lines[0]);
        Assert.DoesNotContain("Posted by mistake", csv);
        Assert.Equal(5, ParseCsv(csv).Count - 1);
        var rows = ParseCsv(csv).Skip(1).ToList();
        var time = EventTime.ToLocal(DateTimeOffset.UtcNow, ev.TimeZoneId).ToString("yyyy-MM-dd");
        Assert.All(rows, r => Assert.StartsWith(time, r[0]));

        var question = rows.Single(r => r[5] == "How do you keep volunteers through the winter?");
        Assert.Equal(["Question", "On the board", "Ana Named, Acacia Family Support", "No"], question[1..5]);
        Assert.Equal(["0", "0", "Yes", "No", "'=SUM(A1) we'll share notes", "No"], question[6..12]);
        var anonymous = rows.Single(r => r[5].StartsWith("A dads'"));
        Assert.Equal(["Shared learning", "On the board", "Ben Quiet, Bluebell Care", "Yes"], anonymous[1..5]);
        Assert.Equal("2", anonymous[6]);
        var named = rows.Single(r => r[5].StartsWith("We pair"));
        Assert.Equal("We pair new volunteers with a buddy.\nRetention went up.\n\nAsk us how.", named[5]);
        Assert.Equal(["Yes", "", "Yes"], named[9..12]);
        Assert.Equal("Removed by a moderator", rows.Single(r => r[5] == "Learning a moderator hid.")[2]);
        // A formula typed into a post is text in a spreadsheet: it starts with an apostrophe.
        Assert.Equal("'" + Hostile, rows.Single(r => r[5].Contains("calc")).ElementAt(5));
        Assert.DoesNotContain(",=cmd", csv);
    }

    [Fact]
    public async Task The_Markdown_summary_has_the_newsletter_learning_first_anonymous_posts_unnamed_and_post_text_that_cannot_become_markup()
    {
        var (ev, _, _, _) = await BoardWithPostsAsync();
        var response = await (await app.SignedInAdminAsync()).GetAsync($"/manage/events/{ev.Id}/board/shared-learning.md");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var markdown = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("# Shared learning: Conversation Space \\& friends\n\n", markdown);
        Assert.Contains($"{EventTime.When(ev)} (UK time). 3 pieces of shared learning from the live board, 1 marked for the newsletter.", markdown);
        var newsletter = markdown.IndexOf("## For the newsletter", StringComparison.Ordinal);
        var also = markdown.IndexOf("## Also shared on the board", StringComparison.Ordinal);
        Assert.True(newsletter > 0 && also > newsletter);
        Assert.True(markdown.IndexOf("We pair new volunteers", StringComparison.Ordinal) is var buddy && buddy > newsletter && buddy < also);
        Assert.Contains("> We pair new volunteers with a buddy.\\\n> Retention went up.\n>\n> Ask us how.\n\n— Ana Named, Acacia Family Support (1 vote)", markdown);
        Assert.Contains("— Anonymous (2 votes)", markdown);
        Assert.DoesNotContain("Ben Quiet", markdown);
        Assert.DoesNotContain("Bluebell", markdown);
        // Only shared learning everyone could see: no questions, hidden or deleted posts.
        Assert.DoesNotContain("winter", markdown);
        Assert.DoesNotContain("moderator hid", markdown);
        Assert.DoesNotContain("by mistake", markdown);

        // Rendered by a permissive Markdown renderer (raw HTML allowed, autolinks on), the hostile post is still only text.
        var html = Markdig.Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("=cmd|' /C calc'!A0 &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) ![i](https://evil.example/t.png)", html.Replace("&#39;", "'"));
    }

    /// <summary>A strict RFC 4180 reader (as in RegistrationsManageTests): quoted cells may hold commas, doubled quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && cell.Length == 0)
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i += 2; }
                    else if (text[i] == '"') { i++; break; }
                    else cell.Append(text[i++]);
                }
            }
            else if (text[i] == ',') { row.Add(cell.ToString()); cell.Clear(); i++; }
            else if (text[i] == '\r' && text[i + 1] == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row = []; i += 2; }
            else cell.Append(text[i++]);
        }
        return rows;
    }

    [Theory]
    [InlineData("# Not a heading")]
    [InlineData("- not a list")]
    [InlineData("+ not a list")]
    [InlineData("1. not a list")]
    [InlineData("2) not a list")]
    [InlineData("> not a quote")]
    [InlineData("    not code")]
    [InlineData("---")]
    [InlineData("===")]
    [InlineData("***")]
    [InlineData("`code` *em* _em_ **strong** ~~gone~~")]
    [InlineData("[link](https://evil.example) <https://evil.example> https://evil.example www.evil.example")]
    [InlineData("[ref]: javascript:alert(1)")]
    [InlineData("<b onmouseover=alert(1)>bold</b> &lt; &amp; &#60;script&#62;")]
    [InlineData("| a | b |")]
    [InlineData("trailing backslash \\")]
    [InlineData("[^1] footnote :smile:")]
    public void A_line_of_post_text_renders_as_exactly_that_text(string text)
    {
        var html = Markdig.Markdown.ToHtml(MarkdownText.Line(text), new MarkdownPipelineBuilder().UseAdvancedExtensions().Build()).Trim();
        Assert.StartsWith("<p>", html);
        Assert.EndsWith("</p>", html);
        Assert.Equal(text.Trim(), WebUtility.HtmlDecode(html[3..^4]));
    }
}
