using System.Net;
using HeartsMinds.Community.Features.Newsletters;
using HeartsMinds.Community.Features.Newsletters.Manage;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Newsletters;

/// <summary>Staff's newsletter pages by HTTP: what they accept, what they turn away (a 4xx, the data left whole), and the archive.</summary>
public sealed class NewsletterPagesTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task A_draft_is_saved_and_bad_input_gets_a_clear_400_that_leaves_it_whole()
    {
        var client = await app.SignedInAdminAsync();
        var page = await NewDraftAsync(client);

        var saved = await client.SubmitAsync(page, [Field("Subject", "Spring news"), Field("PreviewLine", "What is coming"), Field("Body", "Hello **all**")], $"{page}?handler=Save");
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);

        var tooLong = await client.SubmitAsync(page, [Field("Subject", new string('x', 151)), Field("Body", "Replaced")], $"{page}?handler=Save");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("The subject can be at most 150 characters", await tooLong.TextAsync());
        var controlCharacter = await client.SubmitAsync(page, [Field("Subject", "Bad\u0007bell"), Field("Body", "Replaced")], $"{page}?handler=Save");
        Assert.Equal(HttpStatusCode.BadRequest, controlCharacter.StatusCode);

        var newsletter = await NewsletterAsync(page);
        Assert.Equal(("Spring news", "What is coming", "Hello **all**"), (newsletter.Subject, newsletter.PreviewLine, newsletter.BodyMarkdown));
    }

    [Fact]
    public async Task Scheduling_needs_a_subject_a_body_and_a_future_time_and_a_started_newsletter_cannot_be_changed()
    {
        var client = await app.SignedInAdminAsync();
        var page = await NewDraftAsync(client);

        var empty = await client.SubmitAsync(page, [Field("Subject", ""), Field("Body", ""), Field("ScheduleAt", "2099-01-01T09:00")], $"{page}?handler=Schedule");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var emptyText = await empty.TextAsync();
        Assert.Contains("Enter a subject", emptyText);
        Assert.Contains("Write the newsletter before sending it", emptyText);

        var past = await client.SubmitAsync(page, [Field("Subject", "Old news"), Field("Body", "Text"), Field("ScheduleAt", "2001-01-01T09:00")], $"{page}?handler=Schedule");
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("has passed: choose a later time, or send it now", await past.TextAsync());
        var nonsense = await client.SubmitAsync(page, [Field("Subject", "Old news"), Field("Body", "Text"), Field("ScheduleAt", "soon")], $"{page}?handler=Schedule");
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
        Assert.Equal(NewsletterStatus.Draft, (await NewsletterAsync(page)).Status);

        var scheduled = await client.SubmitAsync(page, [Field("Subject", "Summer news"), Field("Body", "Text"), Field("ScheduleAt", "2099-06-01T09:00")], $"{page}?handler=Schedule");
        Assert.Equal(HttpStatusCode.SeeOther, scheduled.StatusCode);
        var newsletter = await NewsletterAsync(page);
        Assert.Equal(NewsletterStatus.Scheduled, newsletter.Status);
        Assert.Equal(new DateTimeOffset(2099, 6, 1, 8, 0, 0, TimeSpan.Zero), newsletter.ScheduledFor); // 09:00 BST

        await StartAsync(newsletter.Id);
        var change = await client.SubmitAsync(page, [Field("Subject", "Changed"), Field("Body", "Changed")], $"{page}?handler=Save");
        Assert.Equal(HttpStatusCode.Conflict, change.StatusCode);
        Assert.Equal("Summer news", (await NewsletterAsync(page)).Subject);
    }

    [Fact]
    public async Task Send_now_asks_first_and_a_test_goes_only_to_staff_accounts_marked_as_a_test()
    {
        var client = await app.SignedInAdminAsync();
        var page = await NewDraftAsync(client);
        var content = new[] { Field("Subject", "Autumn news"), Field("Body", "Hello") };

        var ask = await client.SubmitAsync(page, content, $"{page}?handler=SendNow");
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("Send “Autumn news” to", await ask.TextAsync());
        Assert.Equal(NewsletterStatus.Draft, (await NewsletterAsync(page)).Status);

        var outsider = await client.SubmitAsync(page, [.. content, Field("TestTo", "someone@elsewhere.example")], $"{page}?handler=Test");
        Assert.Equal(HttpStatusCode.BadRequest, outsider.StatusCode);
        Assert.Contains("Choose one or more staff members to send the test to", await outsider.TextAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Purpose == NewsletterEmail.TestPurpose)));

        var test = await client.SubmitAsync(page, [.. content, Field("TestTo", CommunityAppFactory.AdminEmail)], $"{page}?handler=Test");
        Assert.Equal(HttpStatusCode.SeeOther, test.StatusCode);
        var sent = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Purpose == NewsletterEmail.TestPurpose).ToListAsync());
        Assert.Equal(CommunityAppFactory.AdminEmail, Assert.Single(sent).ToAddress);
        Assert.Equal("[Test] Autumn news", sent[0].Subject);
        Assert.Contains("This is a test of a newsletter that has not been sent", sent[0].TextBody);
    }

    [Fact]
    public async Task The_preview_is_the_email_under_its_own_policy_without_script_and_needs_staff()
    {
        var client = await app.SignedInAdminAsync();
        var page = await NewDraftAsync(client);
        await client.SubmitAsync(page, [Field("Subject", "Preview me"), Field("Body", "<script>alert(1)</script> and [a link](javascript:alert(2))")], $"{page}?handler=Save");

        var preview = await client.GetAsync($"{page}/preview");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(PreviewModel.EmailContentSecurityPolicy, preview.Headers.GetValues("Content-Security-Policy").Single());
        var html = await preview.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html);

        var text = await client.GetAsync($"{page}/preview.txt");
        Assert.Equal("text/plain", text.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Unsubscribe from the newsletter:", await text.Content.ReadAsStringAsync());

        var anonymous = app.CreateBrowserLikeClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"{page}/preview")).StatusCode);
    }

    [Fact]
    public async Task The_public_archive_shows_a_newsletter_only_once_it_has_started()
    {
        var client = await app.SignedInAdminAsync();
        var page = await NewDraftAsync(client);
        await client.SubmitAsync(page, [Field("Subject", "Archive me"), Field("Body", "## Hello\n\nFrom the archive")], $"{page}?handler=Save");
        var id = (await NewsletterAsync(page)).Id;
        var visitor = app.CreateBrowserLikeClient();

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/newsletters/{id}")).StatusCode);
        Assert.DoesNotContain("Archive me", await (await visitor.GetAsync("/newsletters")).TextAsync());

        await StartAsync(id);
        Assert.Contains("Archive me", await (await visitor.GetAsync("/newsletters")).TextAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{page}/deliveries?status=Sent")).StatusCode);
        foreach (var nonsense in new[] { "Lost", "1", "sent%00" })
        {
            var filter = await client.GetAsync($"{page}/deliveries?status={nonsense}");
            Assert.Equal(HttpStatusCode.BadRequest, filter.StatusCode);
            Assert.Contains("Show deliveries by one of: Pending, Sent, Failed, Skipped", await filter.TextAsync());
        }
        var issue = await visitor.GetAsync($"/newsletters/{id}");
        Assert.Equal(HttpStatusCode.OK, issue.StatusCode);
        Assert.Contains("From the archive", await issue.TextAsync());
    }

    private static KeyValuePair<string, string> Field(string name, string value) => new(name, value);

    private static async Task<string> NewDraftAsync(HttpClient client)
    {
        var created = await client.SubmitAsync("/manage/newsletters", []);
        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        return created.Headers.Location!.OriginalString;
    }

    private Task<Newsletter> NewsletterAsync(string page) =>
        app.WithDbAsync(db => db.Newsletters.AsNoTracking().SingleAsync(n => n.Id == long.Parse(page.Split('/').Last())));

    /// <summary>Scheduled for now and started, as the start job would.</summary>
    private async Task StartAsync(long id)
    {
        using var scope = app.Services.CreateScope();
        var desk = scope.ServiceProvider.GetRequiredService<NewsletterDesk>();
        await app.WithDbAsync(db => db.Newsletters.Where(n => n.Id == id).ExecuteUpdateAsync(n => n
            .SetProperty(x => x.Status, NewsletterStatus.Scheduled).SetProperty(x => x.ScheduledFor, DateTimeOffset.UtcNow.AddSeconds(-1))));
        Assert.True(await desk.StartDueAsync(CancellationToken.None) >= 1);
    }
}
