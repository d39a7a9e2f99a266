using System.Net;
using System.Text.Json;
using HeartsMinds.Community.Tests.Infrastructure;

namespace HeartsMinds.Community.Tests.Platform;

public sealed class FoundationTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Health_reports_the_database_and_the_scheduler()
    {
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("scheduler").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_staff_area_sends_an_anonymous_visitor_to_sign_in()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/manage");
        request.Headers.Host = "evil.example"; // forged: the redirect must not send the browser there

        var response = await app.CreateBrowserLikeClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in?ReturnUrl=%2Fmanage", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_with_400()
    {
        var client = app.CreateBrowserLikeClient();
        await client.GetAsync("/account/sign-in"); // has the antiforgery cookie, but the form has no token

        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = CommunityAppFactory.AdminEmail,
            ["Input.Password"] = CommunityAppFactory.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Every_page_carries_security_headers_and_a_CSP_that_allows_no_inline_script()
    {
        var response = await app.CreateClient().GetAsync("/");

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src "));
        Assert.DoesNotContain("unsafe-inline", scriptSrc);
        Assert.DoesNotContain("unsafe-eval", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Pages_put_the_antiforgery_token_on_body_for_htmx_except_the_cached_public_pages()
    {
        var html = await app.CreateClient().GetStringAsync("/charter");
        // Served from the output cache to every visitor alike, so no visitor's token (they have no form).
        var cachedHome = await app.CreateClient().GetStringAsync("/");

        Assert.Matches("<body[^>]*hx-headers='\\{\"RequestVerificationToken\": \"[^\"]+\"\\}'", html);
        Assert.DoesNotContain("RequestVerificationToken", cachedHome);
    }

    [Fact]
    public async Task An_unknown_page_gets_a_friendly_404()
    {
        var response = await app.CreateClient().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType!.ToString());
    }
}

public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly CommunityAppFactory _app = new CommunityAppFactory().WithSetting("RateLimits:PublicPostsPerMinute", "3");

    public Task InitializeAsync() => _app.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task A_flood_of_public_posts_gets_429_not_a_crash()
    {
        var client = _app.CreateBrowserLikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await client.SubmitAsync("/account/sign-in", ("Input.Email", "someone@example.org"), ("Input.Password", "not the password"))).StatusCode);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        // Pages that are only read are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
