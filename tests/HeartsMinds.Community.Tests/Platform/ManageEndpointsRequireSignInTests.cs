using System.Net;
using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Platform;

/// <summary>Walks every endpoint the app maps: each one under /manage must refuse an anonymous request.</summary>
public sealed class ManageEndpointsRequireSignInTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Every_endpoint_under_manage_refuses_anonymous_requests_for_every_method()
    {
        var client = app.CreateBrowserLikeClient();
        var manageRoutes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern)
            .Where(p => ManageArea.Contains(p.RawText))
            .Select(p => "/" + string.Join('/', p.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "1",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                _ => "",
            })))))
            .Distinct()
            .ToList();

        Assert.Contains("/manage", manageRoutes);
        Assert.Contains("/manage/staff", manageRoutes);

        foreach (var path in manageRoutes)
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, path));
            var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/sign-in"));
            Assert.True(refused, $"{method} {path} answered {(int)response.StatusCode} {response.Headers.Location} to an anonymous visitor");
        }
    }
}
