using System.Net;
using HeartsMinds.Community.Tests.Infrastructure;

namespace HeartsMinds.Community.Tests.Platform;

/// <summary>Requests that no handler of a page answers get 404 or 405 before the page renders, never a 500.</summary>
public sealed class UnansweredRequestsTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Theory]
    [InlineData("TRACE", "/events")]
    [InlineData("TRACE", "/")]
    [InlineData("TRACE", "/conversation-space/register")]
    [InlineData("OPTIONS", "/account/sign-in")]
    public async Task A_method_a_page_does_not_answer_gets_405(string method, string path)
    {
        var response = await app.CreateBrowserLikeClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_post_without_a_handler_or_with_an_unknown_one_is_refused_before_the_page_renders()
    {
        var admin = await app.SignedInAdminAsync();

        var none = await admin.SubmitAsync("/manage/staff", []);
        var unknown = await admin.SubmitAsync("/manage/staff", [], action: "/manage/staff?handler=NoSuchThing");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("<html", await unknown.TextAsync()); // the friendly page, not a bare status
    }

    [Fact]
    public async Task A_page_without_handlers_still_answers_a_get()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync("/privacy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
