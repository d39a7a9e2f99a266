using System.Text;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// What the Charter answers without a page: the badge (the general one and, from a signatory's private link, theirs)
/// and the RFC 8058 one-click unsubscribe that mail apps POST without cookies or an antiforgery token.
/// </summary>
public static class CharterEndpoints
{
    public const string OneClickBody = "One-Click";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/charter/badge.svg", (HttpContext http) => Public(http, Results.Text(CharterBadge.GenericSvgText, "image/svg+xml", Encoding.UTF8)));
        app.MapGet("/charter/badge.png", (HttpContext http) => Public(http, Results.File(CharterBadge.GenericPngBytes, "image/png")));

        app.MapGet("/charter/preferences/{token}/badge.svg", async (string token, CommunityDb db, HttpContext http, CancellationToken cancellationToken) =>
            await ConfirmedAsync(db, token, cancellationToken) is { } signatory
                ? Private(http, Results.Text(CharterBadge.Svg(signatory.OrganisationName), "image/svg+xml", Encoding.UTF8))
                : Results.NotFound());
        app.MapGet("/charter/preferences/{token}/badge.png", async (string token, CommunityDb db, HttpContext http, CancellationToken cancellationToken) =>
            await ConfirmedAsync(db, token, cancellationToken) is { } signatory
                ? Private(http, Results.File(CharterBadge.Png(signatory.OrganisationName), "image/png"))
                : Results.NotFound());

        // RFC 8058: the token in the address authorises it, so this is the one POST without antiforgery. It wins over
        // the unsubscribe page's own route (Order -1); the page's button posts to .../confirm instead.
        app.MapPost("/charter/unsubscribe/{token}", OneClickAsync).DisableAntiforgery().WithOrder(-1);
    }

    private static async Task<IResult> OneClickAsync(string token, HttpRequest request, CommunityDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return Results.BadRequest();
        var form = await request.ReadFormAsync(cancellationToken);
        if (form["List-Unsubscribe"] != OneClickBody) return Results.BadRequest();
        var link = await CharterLinks.FindAsync(db, token, SignatoryLinkPurpose.Preferences, cancellationToken);
        if (link is null) return Results.NotFound();
        link.Signatory.WantsNewsletter = false;
        link.Signatory.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Results.Ok();
    }

    private static async Task<Signatory?> ConfirmedAsync(CommunityDb db, string token, CancellationToken cancellationToken) =>
        await CharterLinks.FindAsync(db, token, SignatoryLinkPurpose.Preferences, cancellationToken) is { Signatory.Status: SignatoryStatus.Confirmed } link
            ? link.Signatory : null;

    private static IResult Public(HttpContext http, IResult result)
    {
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return result;
    }

    private static IResult Private(HttpContext http, IResult result)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        return result;
    }
}
