using System.Security.Cryptography;
using System.Text;
using HeartsMinds.Community.Platform.Web;
using Microsoft.Net.Http.Headers;

namespace HeartsMinds.Community.Features.Calendar;

/// <summary>
/// The .ics addresses. Each answers GET and HEAD with an ETag (a hash of the bytes) and Last-Modified, and answers
/// a conditional request for an unchanged calendar with 304, so calendar apps that poll a feed cost little.
/// </summary>
public static class CalendarEndpoints
{
    public static readonly IReadOnlyList<string> GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IServiceCollection AddCommunityCalendar(this IServiceCollection services)
    {
        services.AddSingleton<EventCalendar>();
        services.AddScoped<CalendarFiles>();
        return services;
    }

    public static IEndpointRouteBuilder MapCommunityCalendar(this IEndpointRouteBuilder app)
    {
        app.MapMethods(SiteLinks.PublicCalendarPath, GetAndHead, async (HttpContext http, CalendarFiles files, CancellationToken ct) =>
            Send(http, await files.PublicFeedAsync(ct), download: false))
            .CacheOutput(PublicPageCache.ListPolicy);

        app.MapMethods(SiteLinks.SeriesCalendarPath, GetAndHead, async (HttpContext http, CalendarFiles files, CancellationToken ct) =>
            await files.SeriesAsync(ct) is { } file ? Send(http, file, download: true) : Results.NotFound())
            .CacheOutput(PublicPageCache.ListPolicy);

        app.MapMethods("/events/{id:long}/calendar.ics", GetAndHead, async (long id, HttpContext http, CalendarFiles files, CancellationToken ct) =>
            await files.EventAsync(id, ct) switch
            {
                (CalendarFileState.Found, { } file) => Send(http, file, download: true),
                (CalendarFileState.Cancelled, _) => Results.StatusCode(StatusCodes.Status410Gone),
                _ => Results.NotFound(),
            })
            .CacheOutput(PublicPageCache.EventPolicy);
        return app;
    }

    /// <summary>The calendar with its ETag and Last-Modified, or 304 when the client already has it.</summary>
    public static IResult Send(HttpContext http, CalendarFile file, bool download, string cacheControl = "public, max-age=900")
    {
        var bytes = new UTF8Encoding(false).GetBytes(file.Text);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
        // HTTP dates have whole seconds: untruncated, 12:00:00.5 would never match the If-Modified-Since: 12:00:00 it comes back as.
        var lastModified = DateTimeOffset.FromUnixTimeSeconds(file.LastModified.ToUnixTimeSeconds());
        http.Response.Headers.CacheControl = cacheControl;
        return Results.Bytes(bytes, "text/calendar; charset=utf-8", download ? file.FileName : null,
            lastModified: lastModified, entityTag: etag);
    }
}
