using System.Net;
using HeartsMinds.Community.Tests.Infrastructure;

namespace HeartsMinds.Community.Tests.Platform;

/// <summary>Data protection keys live in the database, so a cookie issued by one instance works on another.</summary>
public sealed class SharedKeyRingTests(CommunityAppFactory first) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task A_staff_cookie_from_one_instance_is_accepted_by_another_on_the_same_database()
    {
        var signIn = await first.CreateBrowserLikeClient().SubmitAsync("/account/sign-in",
            ("Input.Email", CommunityAppFactory.AdminEmail), ("Input.Password", CommunityAppFactory.AdminPassword));
        var staffCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hm.staff=")).Split(';')[0];

        await using var second = CommunityAppFactory.ForDatabase(first.ConnectionString);
        var client = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        var request = new HttpRequestMessage(HttpMethod.Get, "/manage");
        request.Headers.Add("Cookie", staffCookie);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Staff area", await response.Content.ReadAsStringAsync());
        // ...because the key ring is in the database (instances in one process would share a key folder anyway).
        Assert.True(await first.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.DataProtectionKeys)));
    }
}
