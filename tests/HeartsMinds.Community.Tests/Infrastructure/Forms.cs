using System.Net;
using System.Text.RegularExpressions;

namespace HeartsMinds.Community.Tests.Infrastructure;

/// <summary>Fills in the app's HTML forms as a browser would: antiforgery token and cookie included.</summary>
public static partial class Forms
{
    public static HttpClient CreateBrowserLikeClient(this CommunityAppFactory factory) =>
        factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });

    /// <summary>GETs <paramref name="pageUrl"/> for its antiforgery token, then POSTs the fields to <paramref name="action"/> (or the page itself).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string pageUrl,
        IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {pageUrl} ({(int)page.StatusCode}).");
        var form = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await client.PostAsync(action ?? pageUrl, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string pageUrl, params (string Name, string Value)[] fields) =>
        client.SubmitAsync(pageUrl, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>The response body with HTML entities decoded, to look for text as a reader sees it.</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static async Task<HttpClient> SignedInAdminAsync(this CommunityAppFactory factory)
    {
        var client = factory.CreateBrowserLikeClient();
        await client.SignInAsAdminAsync();
        return client;
    }

    /// <summary>Signs <paramref name="client"/> in as the admin, keeping its cookies (so also after it was signed out).</summary>
    public static async Task SignInAsAdminAsync(this HttpClient client)
    {
        var response = await client.SubmitAsync("/account/sign-in",
            ("Input.Email", CommunityAppFactory.AdminEmail), ("Input.Password", CommunityAppFactory.AdminPassword));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Admin sign-in failed: {(int)response.StatusCode}");
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();
}
