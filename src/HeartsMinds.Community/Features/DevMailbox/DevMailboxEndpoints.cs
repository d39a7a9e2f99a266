using System.Text;

namespace HeartsMinds.Community.Features.DevMailbox;

/// <summary>
/// The raw parts of a message in the development mailbox. Email HTML is served on its own, in a CSP sandbox
/// (an opaque origin: no script, no forms, no cookies; images only from data: URLs, so nothing is fetched), and
/// may be framed only by our own message page. Parts are always downloads.
/// </summary>
internal static class DevMailboxEndpoints
{
    private const string SandboxPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

    public static void Map(WebApplication app)
    {
        app.MapGet("/dev/mailbox/{name}/html", (string name, DevMailbox mailbox, HttpContext context) =>
        {
            if (mailbox.Open(name) is not { } message || HtmlBody(message) is not { } html) return Results.NotFound();
            context.Response.Headers.ContentSecurityPolicy = SandboxPolicy;
            context.Response.Headers.XFrameOptions = "SAMEORIGIN";
            return Results.Text(html.Text, "text/html; charset=utf-8", Encoding.UTF8);
        });

        app.MapGet("/dev/mailbox/{name}/parts/{index:int}", (string name, int index, DevMailbox mailbox, HttpContext context) =>
        {
            if (mailbox.Open(name) is not { } message || message.Leaves().ElementAtOrDefault(index) is not { } part)
                return Results.NotFound();
            context.Response.Headers.ContentSecurityPolicy = SandboxPolicy;
            return Results.File(part.Body, part.ContentType.MediaType, PartFileName(part, index));
        });
    }

    public static MimeEntity? TextBody(MimeEntity message) =>
        message.Leaves().FirstOrDefault(p => p.ContentType.MediaType == "text/plain" && !p.IsAttachment);

    public static MimeEntity? HtmlBody(MimeEntity message) =>
        message.Leaves().FirstOrDefault(p => p.ContentType.MediaType == "text/html" && !p.IsAttachment);

    public static string PartFileName(MimeEntity part, int index) =>
        part.FileName is { Length: > 0 } name ? Path.GetFileName(name)
        : part.ContentType.MediaType == "text/calendar" ? $"part-{index}.ics" : $"part-{index}.bin";
}
