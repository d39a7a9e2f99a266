using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Charter;

/// <summary>The app with a clock the Charter tests move by hand, and helpers to sign and to read the emails' links.</summary>
public sealed partial class CharterAppFactory : CommunityAppFactory
{
    public TestClock Clock { get; } = new();

    public CharterAppFactory() => WithClock(Clock);

    public static (string, string)[] Fields(string email, string organisation = "Bluebell Care", string region = "WestMidlands",
        bool listed = false, string? website = null) =>
    [
        ("Input.OrganisationName", organisation), ("Input.ContactName", "Asha Patel"), ("Input.Role", "Coordinator"),
        ("Input.Email", email), ("Input.Region", region), ("Input.Postcode", "B1 1AA"), ("Input.Website", website ?? ""),
        ("Input.Description", "Peer support for parents."), ("Input.ListedPublicly", listed ? "true" : "false"),
        ("Input.Agrees", "true"), ("Homepage", ""),
    ];

    public Task<HttpResponseMessage> SignAsync(string email, string organisation = "Bluebell Care", string region = "WestMidlands",
        bool listed = false, string? website = null) =>
        this.CreateBrowserLikeClient().SubmitAsync("/charter", Fields(email, organisation, region, listed, website));

    /// <summary>The token in the newest email of this purpose to this address.</summary>
    public async Task<string> TokenFromEmailAsync(string email, string purpose)
    {
        var body = await WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == email && m.Purpose == purpose)
            .OrderByDescending(m => m.Id).Select(m => m.TextBody).FirstAsync());
        return LinkToken().Match(body).Groups[1].Value;
    }

    /// <summary>Signs and confirms; returns the preferences token from the welcome email.</summary>
    public async Task<string> SignAndConfirmAsync(string email, string organisation = "Bluebell Care", bool listed = false, string region = "WestMidlands", string? website = null)
    {
        var signed = await SignAsync(email, organisation, region, listed, website);
        if (signed.StatusCode != HttpStatusCode.SeeOther) throw new InvalidOperationException($"Signing answered {(int)signed.StatusCode}");
        var confirm = await TokenFromEmailAsync(email, "charter-confirm");
        var confirmed = await this.CreateBrowserLikeClient().GetAsync($"/charter/confirm/{confirm}");
        if (confirmed.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Confirming answered {(int)confirmed.StatusCode}");
        return await TokenFromEmailAsync(email, "charter-welcome");
    }

    [GeneratedRegex(@"/charter/(?:confirm|preferences)/([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkToken();
}
