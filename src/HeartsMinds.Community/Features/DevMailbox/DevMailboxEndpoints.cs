using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace HeartsMinds.Community.Features.DevMailbox;

/// <summary>
/// The raw parts of a message in the development mailbox. Email HTML is served on its own, in a CSP sandbox
/// (an opaque origin: no script, no forms, no cookies; images only from data: URLs, so nothing is fetched), and
/// may be framed only by our own message page. Parts are always downloads. Images the email carries inline
/// (cid: references, RFC 2392) are written into the HTML as data: URLs, so the sandbox shows what a mail client would.
/// </summary>
internal static partial class DevMailboxEndpoints
{
    private const string SandboxPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

    public static void Map(WebApplication app)
    {
        app.MapGet("/dev/mailbox/{name}/html", (string name, DevMailbox mailbox, HttpContext context) =>
        {
            if (mailbox.Open(name) is not { } message || HtmlBody(message) is not { } html) return Results.NotFound();
            context.Response.Headers.ContentSecurityPolicy = SandboxPolicy;
            context.Response.Headers.XFrameOptions = "SAMEORIGIN";
            return Results.Text(WithInlineImages(message, html.Text), "text/html; charset=utf-8", Encoding.UTF8);
        });

        app.MapGet("/dev/mailbox/{name}/parts/{index:int}", (string name, int index, DevMailbox mailbox, HttpContext context) =>
        {
            if (mailbox.Open(name) is not { } message || Parts(message).ElementAtOrDefault(index) is not { } part)
                return Results.NotFound();
            context.Response.Headers.ContentSecurityPolicy = SandboxPolicy;
            return Results.File(Content(part), part.ContentType.MimeType, PartFileName(part, index));
        });
    }

    /// <summary>The parts that hold content, depth first, in the order a mail client would meet them; a part's
    /// place in this list is its number in the download links.</summary>
    public static IReadOnlyList<MimePart> Parts(MimeMessage message) => message.BodyParts.OfType<MimePart>().ToList();

    public static TextPart? TextBody(MimeMessage message) =>
        Parts(message).OfType<TextPart>().FirstOrDefault(p => p.IsPlain && !p.IsAttachment);

    public static TextPart? HtmlBody(MimeMessage message) =>
        Parts(message).OfType<TextPart>().FirstOrDefault(p => p.IsHtml && !p.IsAttachment);

    /// <summary>The HTML with each cid: reference to one of the message's parts replaced by that part as a data: URL.</summary>
    public static string WithInlineImages(MimeMessage message, string html)
    {
        var byId = Parts(message).Where(p => p.ContentId is { Length: > 0 }).GroupBy(p => p.ContentId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (byId.Count == 0) return html;
        return CidReference().Replace(html, match =>
            byId.TryGetValue(Uri.UnescapeDataString(match.Groups[1].Value), out var part)
                ? $"data:{part.ContentType.MimeType};base64,{Convert.ToBase64String(Content(part))}"
                : match.Value);
    }

    /// <summary>A part shown inside the HTML (referred to by its Content-ID) rather than offered as a file.</summary>
    public static bool IsInlineImage(MimePart part) =>
        !part.IsAttachment && part.ContentId is { Length: > 0 } && part.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"cid:([^""'\s<>)]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CidReference();

    /// <summary>The part's bytes, with its transfer encoding (base64, quoted-printable) undone.</summary>
    public static byte[] Content(MimePart part)
    {
        using var bytes = new MemoryStream();
        part.Content?.DecodeTo(bytes);
        return bytes.ToArray();
    }

    public static string PartFileName(MimePart part, int index) =>
        part.FileName is { Length: > 0 } name ? Path.GetFileName(name)
        : part.ContentType.IsMimeType("text", "calendar") ? $"part-{index}.ics" : $"part-{index}.bin";
}
