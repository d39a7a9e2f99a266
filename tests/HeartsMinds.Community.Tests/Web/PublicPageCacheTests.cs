using System.Net;
using System.Net.Http.Headers;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Tests.Infrastructure;
using HeartsMinds.Community.Tests.Registrations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Web;

/// <summary>
/// Public pages from the output cache (issue 14): served from it until something they show changes, and never for
/// a signed-in or private page. A response served from the cache carries an Age header (the output cache adds it);
/// one rendered for the request does not. Every test first makes an event, which evicts the lists, so each starts
/// from an empty cache for the pages it looks at.
/// </summary>
public sealed class PublicPageCacheTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task A_cached_event_page_events_list_and_home_page_show_the_new_places_left_straight_after_a_registration_through_the_form()
    {
        // The soonest face-to-face event in this class's database, so the home page shows it as the next one.
        var ev = await app.CreateAsync(capacity: 5, startsAt: DateTimeOffset.UtcNow.AddHours(20), change: e => e.Title = "Cached places day");
        var visitor = app.CreateBrowserLikeClient();
        string[] pages = [$"/events/{ev.Id}", "/events", "/"];

        foreach (var page in pages)
        {
            var rendered = await visitor.GetAsync(page);
            var cached = await visitor.GetAsync(page);
            Assert.False(rendered.Headers.Contains("Age"), $"{page}: the first visit renders the page");
            Assert.True(cached.Headers.Contains("Age"), $"{page}: the second visit is served from the cache");
            Assert.Contains("5 places left", CardOrPage(await cached.TextAsync(), ev.Title));
        }

        var registered = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(Guid.NewGuid(), "Cache Org", ("Cora Cache", "cora@cache.example")));
        Assert.Equal(HttpStatusCode.SeeOther, registered.StatusCode);

        foreach (var page in pages)
        {
            var after = await visitor.GetAsync(page);
            var html = CardOrPage(await after.TextAsync(), ev.Title);
            Assert.False(after.Headers.Contains("Age"), $"{page}: the registration evicted the cached copy");
            Assert.Contains("4 places left", html);
            Assert.DoesNotContain("5 places left", html);
        }
    }

    [Fact]
    public async Task HEAD_and_htmx_requests_are_cached_apart_from_the_full_page_and_each_query_string_has_its_own_copy()
    {
        await app.CreateAsync(change: e => e.Title = "Apart day");
        var client = app.CreateBrowserLikeClient();
        await client.GetAsync("/events");

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/events"));
        var htmx = new HttpRequestMessage(HttpMethod.Get, "/events");
        htmx.Headers.Add("HX-Request", "true");
        var fromHtmx = await client.SendAsync(htmx);
        var withQuery = await client.GetAsync("/events?utm_source=newsletter");
        var full = await client.GetAsync("/events");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.False(head.Headers.Contains("Age"), "HEAD has its own entry");
        Assert.False(fromHtmx.Headers.Contains("Age"), "an htmx request has its own entry");
        Assert.False(withQuery.Headers.Contains("Age"), "a query string has its own entry");
        Assert.True(full.Headers.Contains("Age"));
        Assert.Contains("Apart day", await full.TextAsync());
    }

    [Fact]
    public async Task A_signed_in_request_is_never_answered_from_the_cache_nor_stored_in_it()
    {
        var ev = await app.CreateAsync(change: e => e.Title = "Staff view day");
        var staff = await app.SignedInAdminAsync();
        var visitor = app.CreateBrowserLikeClient();

        var staffFirst = await staff.GetAsync("/events");
        var staffSecond = await staff.GetAsync("/events");
        var anonymousAfterStaff = await visitor.GetAsync("/events");
        var anonymousAgain = await visitor.GetAsync("/events");
        var staffAfterAnonymous = await staff.GetAsync("/events");

        Assert.Contains("Staff view day", await staffFirst.TextAsync());
        Assert.False(staffFirst.Headers.Contains("Age"));
        Assert.False(staffSecond.Headers.Contains("Age"), "staff are not served a stored copy of their own view");
        Assert.False(anonymousAfterStaff.Headers.Contains("Age"), "the staff view was not stored, so the visitor's page is rendered for them");
        Assert.True(anonymousAgain.Headers.Contains("Age"), "the visitor's own page is stored (so this test can fail)");
        Assert.False(staffAfterAnonymous.Headers.Contains("Age"), "a signed-in request is not answered from the cache");
        // A staff preview of a draft is theirs alone: a visitor asking for the same address gets a 404.
        var draft = await app.CreateAsync(status: EventStatus.Draft, change: e => e.Title = "Secret draft day");
        Assert.Contains("Secret draft day", await (await staff.GetAsync($"/events/{draft.Id}?preview=true")).TextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/events/{draft.Id}?preview=true")).StatusCode);
    }

    [Fact]
    public async Task Private_pages_and_forms_are_never_cached_and_cached_pages_carry_no_antiforgery_token_or_cookie()
    {
        var ev = await app.CreateAsync(capacity: 3);
        var client = app.CreateBrowserLikeClient();
        var registered = await client.SubmitAsync($"/events/{ev.Id}/register", PublicForm.Fields(Guid.NewGuid(), "Private Org", ("Pia Private", "pia@private.example")));
        Assert.Equal(HttpStatusCode.SeeOther, registered.StatusCode);
        var token = await PublicForm.ManageTokenAsync(app, PublicForm.Fields(Guid.Empty, "Private Org").Single(f => f.Key == "Input.ContactEmail").Value);

        foreach (var page in new[] { $"/registrations/{token}", $"/events/{ev.Id}/register", registered.Headers.Location!.OriginalString })
        {
            var first = await client.GetAsync(page);
            var second = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.False(second.Headers.Contains("Age"), $"{page} is never served from the cache");
        }

        var fresh = app.CreateBrowserLikeClient();
        var eventPage = await fresh.GetAsync($"/events/{ev.Id}");
        Assert.False(eventPage.Headers.Contains("Set-Cookie"), "a cacheable page sets no antiforgery cookie");
        Assert.DoesNotContain("RequestVerificationToken", await eventPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_response_that_sets_a_cookie_is_not_stored()
    {
        await app.CreateAsync(change: e => e.Title = "Cookie day");
        // Another instance on the same database (its own, empty, in-memory cache) with the cookie-setting middleware.
        await using var instance = CommunityAppFactory.ForDatabase(app.ConnectionString);
        await using var cookies = instance.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddTransient<IStartupFilter, SetCookieWhenAsked>()));
        var client = cookies.CreateClient();

        async Task<HttpResponseMessage> GetAsync(bool setCookie)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/events");
            if (setCookie) request.Headers.Add(SetCookieWhenAsked.Header, "yes");
            return await client.SendAsync(request);
        }

        var withCookie = await GetAsync(setCookie: true);
        var next = await GetAsync(setCookie: false);
        var again = await GetAsync(setCookie: false);

        Assert.True(withCookie.Headers.Contains("Set-Cookie"));
        Assert.False(next.Headers.Contains("Age"), "the response that set a cookie was not stored");
        Assert.False(next.Headers.Contains("Set-Cookie"));
        Assert.True(again.Headers.Contains("Age"), "one without a cookie is (so this test can fail)");
    }

    [Fact]
    public async Task The_public_feed_answers_304_from_the_cache_and_an_event_change_gives_it_a_new_etag()
    {
        var ev = await app.CreateAsync(change: e => e.Title = "Feed day");
        var client = app.CreateBrowserLikeClient();
        var first = await client.GetAsync("/calendar.ics");
        var etag = first.Headers.ETag!;
        var cached = await client.GetAsync("/calendar.ics");

        var conditional = new HttpRequestMessage(HttpMethod.Get, "/calendar.ics");
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(conditional);

        Assert.True(cached.Headers.Contains("Age"));
        Assert.Equal(etag, cached.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Events.SingleAsync(e => e.Id == ev.Id);
            tracked.Title = "Feed day (new venue)";
            tracked.UpdatedAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });
        var stale = new HttpRequestMessage(HttpMethod.Get, "/calendar.ics");
        stale.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(stale);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("Feed day (new venue)", await changed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_change_rolled_back_evicts_nothing_and_the_same_change_committed_evicts_at_the_commit()
    {
        var ev = await app.CreateAsync(change: e => e.Title = "Rollback day");
        var client = app.CreateBrowserLikeClient();
        var page = $"/events/{ev.Id}";
        await client.GetAsync(page);

        await ChangeTitleAsync("Rollback day, never", commit: false);
        var afterRollback = await client.GetAsync(page);

        Assert.True(afterRollback.Headers.Contains("Age"), "a rolled-back change leaves the cached page in place");
        Assert.Contains("Rollback day", await afterRollback.TextAsync());

        await ChangeTitleAsync("Rollback day, moved", commit: true);
        var afterCommit = await client.GetAsync(page);

        Assert.False(afterCommit.Headers.Contains("Age"));
        Assert.Contains("Rollback day, moved", await afterCommit.TextAsync());

        Task<int> ChangeTitleAsync(string title, bool commit) => app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Events.SingleAsync(e => e.Id == ev.Id)).Title = title;
            await db.SaveChangesAsync();
            // Saved but not committed: the page must not be evicted yet, or a visitor could cache the old title again.
            Assert.True((await client.GetAsync(page)).Headers.Contains("Age"), "nothing is evicted before the commit");
            if (commit) await transaction.CommitAsync();
            else await transaction.RollbackAsync();
            return 0;
        });
    }

    /// <summary>Only the cached pages' text about <paramref name="title"/>: its card on a list, or the whole event page.</summary>
    private static string CardOrPage(string html, string title)
    {
        var at = html.IndexOf(title, StringComparison.Ordinal);
        Assert.True(at >= 0, $"“{title}” is on the page");
        var end = html.IndexOf("</article>", at, StringComparison.Ordinal);
        return end < 0 ? html[at..] : html[at..end];
    }

    /// <summary>A first middleware that sets a cookie when asked: a page's answer then carries Set-Cookie.</summary>
    private sealed class SetCookieWhenAsked : IStartupFilter
    {
        public const string Header = "X-Test-Set-Cookie";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.ContainsKey(Header)) context.Response.Cookies.Append("test-visit", "1");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
