using System.Text.RegularExpressions;
using HeartsMinds.Community.Platform.Email;
using MimeKit;
using MimeKit.Utils;

namespace HeartsMinds.Community.Features.DevMailbox;

/// <summary>
/// The .eml files in the pickup directory, for people developing the app. Only names that are in the listing can be
/// opened, so a crafted name cannot reach any other file.
/// </summary>
public sealed partial class DevMailbox(MailDelivery delivery)
{
    public MailDelivery Delivery => delivery;

    public IReadOnlyList<MailboxEntry> List()
    {
        if (delivery.PickupDirectory is not { } folder || !Directory.Exists(folder)) return [];
        return new DirectoryInfo(folder).EnumerateFiles("*.eml")
            .Where(file => SafeName().IsMatch(file.Name))
            .Select(file =>
            {
                var headers = ReadHeaders(file);
                var date = DateUtils.TryParse(headers[HeaderId.Date], out DateTimeOffset written) ? written : new DateTimeOffset(file.LastWriteTimeUtc);
                return (Entry: new MailboxEntry(file.Name, date, headers[HeaderId.To] ?? "", headers[HeaderId.Subject] ?? ""), Written: file.LastWriteTimeUtc);
            })
            .OrderByDescending(e => e.Written).ThenByDescending(e => e.Entry.Date)
            .Select(e => e.Entry)
            .ToList();
    }

    /// <summary>The message of that name, or null when there is no such file in the mailbox.</summary>
    public MimeMessage? Open(string? name)
    {
        if (name is null || !SafeName().IsMatch(name) || delivery.PickupDirectory is not { } folder || !Directory.Exists(folder))
            return null;
        var file = new DirectoryInfo(folder).EnumerateFiles("*.eml").FirstOrDefault(f => f.Name == name);
        return file is null ? null : MimeMessage.Load(file.FullName);
    }

    /// <summary>Only the headers (decoded by MimeKit), without reading the bodies and attachments.</summary>
    private static HeaderList ReadHeaders(FileInfo file)
    {
        using var stream = file.OpenRead();
        return HeaderList.Load(stream);
    }

    /// <summary>What the transport writes (a GUID + .eml): no separators, no "..".</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,100}\.eml$")]
    private static partial Regex SafeName();
}
