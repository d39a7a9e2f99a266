using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Tests.Events;
using HeartsMinds.Community.Tests.Fuzzing;
using HeartsMinds.Community.Tests.Infrastructure;
using HeartsMinds.Community.Tests.Registrations;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace HeartsMinds.Community.Tests.Platform;

/// <summary>
/// Bad input gets a 4xx, never a 500, and what people type is never sent back as HTML. The test crawls the site as
/// a visitor and as an admin, finds every form (so a new feature's forms are covered without being listed here),
/// sends each one with every field in turn made bad, and fails on any 5xx, and on a script payload that comes back
/// unencoded in a page or in the HTML of an email.
/// </summary>
public sealed partial class FormFuzzingTests(FuzzAppFactory app, ITestOutputHelper output) : IClassFixture<FuzzAppFactory>
{
    private const int Seed = 9; // issue 9: any fixed number keeps the random bytes the same each run
    private const int MaxPages = 150;

    [Fact]
    public async Task Fuzzed_forms_are_never_answered_with_a_5xx_nor_echo_a_script_unencoded()
    {
        var time = Stopwatch.StartNew();
        var (publicPages, staffPages) = await SeedAsync();
        var sender = new FuzzSender(app.ServerErrors);
        var crawler = new SiteCrawler(sender);
        var anonymous = new FuzzVisitor("anonymous", () => Task.FromResult(app.CreateBrowserLikeClient()));
        var admin = new FuzzVisitor("admin", app.SignedInAdminAsync, client => client.SignInAsAdminAsync());

        var anonymousCrawl = await crawler.CrawlAsync(anonymous, publicPages, MaxPages);
        var adminCrawl = await crawler.CrawlAsync(admin, [.. staffPages, .. publicPages], MaxPages);
        var crawled = time.Elapsed;

        var random = new Random(Seed);
        var signInCookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie.Name!;
        var fuzzer = new FormFuzzer(sender, await ForeignTokenAsync(), random, signInCookie);
        fuzzer.Add(anonymous, anonymousCrawl.Forms);
        fuzzer.Add(admin, adminCrawl.Forms);
        await fuzzer.RunAsync();
        await FuzzPagesAsync(sender, anonymous, anonymousCrawl.Pages, random);
        await FuzzPagesAsync(sender, admin, adminCrawl.Pages, random);

        // What the fuzzing saved shows on other pages and in emails: read them all.
        var anonymousAfter = await crawler.CrawlAsync(anonymous, publicPages, MaxPages);
        var adminAfter = await crawler.CrawlAsync(admin, [.. staffPages, .. publicPages], MaxPages);
        var emails = await CheckEmailsAsync(sender);

        output.WriteLine($"Crawled {anonymousCrawl.Pages.Count} pages as a visitor and {adminCrawl.Pages.Count} as an admin in {crawled.TotalSeconds:0.0} s; " +
            $"afterwards {anonymousAfter.Pages.Count} and {adminAfter.Pages.Count}.");
        output.WriteLine($"Forms: {anonymousCrawl.Forms.Count + adminCrawl.Forms.Count} submissions found by crawling, {fuzzer.Costs.Count} shapes fuzzed " +
            $"({fuzzer.FormsFoundOnTheWay.Count} of them found while fuzzing others):");
        foreach (var (visitor, shape, requests, spent) in fuzzer.Costs) output.WriteLine($"  {requests,5} requests {spent.TotalSeconds,5:0.0} s as {visitor,-9}  {Shorten(shape)}");
        foreach (var shape in fuzzer.FormsFoundOnTheWay) output.WriteLine($"  found while fuzzing: {Shorten(shape)}");
        foreach (var shape in fuzzer.FormsGone) output.WriteLine($"  not on its page when its turn came: {Shorten(shape)}");
        foreach (var shape in fuzzer.FormsNeverTaken) output.WriteLine($"  never taken as filled in, so only its checks were fuzzed: {Shorten(shape)}");
        output.WriteLine($"Requests: {sender.Sent} in {time.Elapsed.TotalSeconds:0} s; by status: {string.Join(", ", sender.ByStatus.Select(s => $"{s.Key}: {s.Value}"))}.");
        output.WriteLine($"Emails checked: {emails}.");
        var report = Report(sender.Failures);
        output.WriteLine(report);
        Assert.True(sender.Failures.Count == 0, report);
        // The fuzzer reached the private pages, the staff pages, and a button that shows only after another was pressed.
        Assert.Contains(fuzzer.Costs, f => f.Shape.Contains("/registrations/{token}?", StringComparison.Ordinal));
        Assert.Contains(fuzzer.Costs, f => f.Shape.Contains("/manage/events/new", StringComparison.Ordinal));
        Assert.Contains(fuzzer.Costs, f => f.Shape.Contains("handler=RemoveAttendee", StringComparison.Ordinal));
    }

    /// <summary>Each kind of page once, with bad ids and query values and odd methods.</summary>
    private static async Task FuzzPagesAsync(FuzzSender sender, FuzzVisitor visitor, IEnumerable<string> pages, Random random)
    {
        var client = await visitor.NewClientAsync();
        foreach (var page in pages.DistinctBy(UrlShape.Of))
        foreach (var request in FuzzVariants.ForPage(page, random))
            await sender.SendAsync(client, visitor.Name, request);
    }

    /// <summary>A real token, but another visitor's: its cookie half is not this visitor's.</summary>
    private async Task<string> ForeignTokenAsync()
    {
        var page = await app.CreateBrowserLikeClient().GetStringAsync("/account/sign-in");
        return PageReader.Forms(PageReader.Parse(page), "/account/sign-in").First().Token!;
    }

    /// <summary>HTML email bodies are pages too: the text bodies may hold a payload as plain text.</summary>
    private async Task<int> CheckEmailsAsync(FuzzSender sender)
    {
        var emails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Select(m => new { m.Id, m.Purpose, m.ToAddress, m.HtmlBody }).ToListAsync());
        foreach (var email in emails)
            if (Payloads.FoundUnencoded(email.HtmlBody ?? "") is { } sign)
                sender.Failures.Add(new FuzzFailure("email", new FuzzRequest("EMAIL", $"{email.Purpose} email"), FuzzFailure.UnencodedPayload,
                    $"{sign} in the HTML body\noutbox message {email.Id} to {email.ToAddress}"));
        return emails.Count;
    }

    /// <summary>Each cause once, with how often it happened and one request that shows it.</summary>
    private static string Report(IReadOnlyList<FuzzFailure> failures)
    {
        if (failures.Count == 0) return "No failures.";
        var report = new StringBuilder($"{failures.Count} failing requests, {failures.Select(f => f.Cause).Distinct().Count()} causes:\n");
        foreach (var cause in failures.GroupBy(f => f.Cause))
        {
            var example = cause.First();
            report.AppendLine($"- {cause.Count()}x {example.Problem} as {example.Visitor}: {example.Request.Method} {Shorten(example.Request.Url)}");
            if (example.Request.Field.Length + example.Request.Payload.Length > 0)
                report.AppendLine($"  sent: {example.Request.Field} {example.Request.Payload}".TrimEnd());
            report.AppendLine($"  {example.Detail.Replace("\n", "\n  ")}");
        }
        return report.ToString();
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    /// <summary>
    /// A site with something on every page: a face-to-face event, full, with a waitlist and a manage link; a Conversation
    /// Space series made through the staff pages with an every-session registration; a draft; an event today with a
    /// check-in code; a past session with attendance to take; and an invitation to a new member of staff.
    /// </summary>
    private async Task<(List<string> Public, List<string> Staff)> SeedAsync()
    {
        var admin = await app.SignedInAdminAsync();

        var faceToFace = await app.CreateAsync(capacity: 2);
        var registered = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{faceToFace.Id}/register",
            PublicForm.Fields(Guid.NewGuid(), "Fuzz Face Org", ("Fay Face", "fay@face.example"), ("Fred Face", "fred@face.example")));
        Assert.Equal(HttpStatusCode.SeeOther, registered.StatusCode);
        var registrationToken = await PublicForm.ManageTokenAsync(app, "contact@fuzzfaceorg.example");
        await app.RegisteredAsync(ManageTesting.Person(faceToFace.Id, "Waiting Org", "Wanda Wait", "wanda@waiting.example"));

        await admin.CreateSeriesAsync();
        var subscribed = await app.CreateBrowserLikeClient().SubmitAsync("/conversation-space/register",
            PublicForm.Fields(Guid.NewGuid(), "Fuzz Series Org", ("Sam Series", "sam@series.example")));
        Assert.Equal(HttpStatusCode.SeeOther, subscribed.StatusCode);
        var subscriptionToken = await PublicForm.ManageTokenAsync(app, "contact@fuzzseriesorg.example", "series-subscription");

        await app.CreateAsync(status: EventStatus.Draft, change: e => e.Title = "Draft gathering");

        var today = await app.CreateAsync(startsAt: DateTimeOffset.UtcNow.AddMinutes(30), change: e => e.Title = "Drop-in today");
        var arriving = await app.RegisteredAsync(ManageTesting.Person(today.Id, "Door Org", "Dora Door", "dora@door.example", access: "Step-free"));
        var checkInCode = await app.KnownCheckInCodeAsync(arriving.Attendees.Single().Id);

        var past = await app.CreateAsync(kind: EventKind.ConversationSpace);
        await app.RegisteredAsync(ManageTesting.Person(past.Id, "Past Org", "Pat Past", "pat@past.example"));
        await app.WithDbAsync(db => db.Events.Where(e => e.Id == past.Id).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.StartsAt, DateTimeOffset.UtcNow.AddDays(-3)).SetProperty(e => e.EndsAt, DateTimeOffset.UtcNow.AddDays(-3).AddHours(2))));

        var invited = await admin.SubmitAsync("/manage/staff",
            [new("Invite.DisplayName", "Fuzz Staff"), new("Invite.Email", "fuzz.staff@example.org"), new("Invite.Role", "Staff")], "/manage/staff?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var invitation = (await app.EmailsToAsync("fuzz.staff@example.org")).Single();
        var acceptLink = InvitationLink().Match(invitation.TextBody).Groups[1].Value;

        var eventIds = await app.WithDbAsync(db => db.Events.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
        List<string> publicPages = ["/", "/events", "/conversation-space", "/manage", $"/registrations/{registrationToken}",
            $"/registrations/{subscriptionToken}", acceptLink, .. eventIds.Select(id => $"/events/{id}")];
        List<string> staffPages = ["/manage", "/manage/events", "/manage/conversation-space", "/manage/staff", $"/manage/check-in/{checkInCode}",
            .. eventIds.Select(id => $"/manage/events/{id}")];
        return (publicPages, staffPages);
    }

    [GeneratedRegex(@"https://localhost(/account/accept-invitation\?[^\s""<>]+)")]
    private static partial Regex InvitationLink();
}
