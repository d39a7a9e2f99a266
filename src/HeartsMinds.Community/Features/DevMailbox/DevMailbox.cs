using System.Text;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Platform.Email;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.DevMailbox;

public sealed record MailboxEntry(string Name, DateTimeOffset Date, string To, string Subject);

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
                var headers = MimeReader.ParseHeadersOnly(ReadStart(file));
                string? Header(string name) => headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
                var date = MimeReader.ParseDate(Header("Date")) ?? new DateTimeOffset(file.LastWriteTimeUtc);
                return (Entry: new MailboxEntry(file.Name, date, Header("To") ?? "", Header("Subject") ?? ""), Written: file.LastWriteTimeUtc);
            })
            .OrderByDescending(e => e.Written).ThenByDescending(e => e.Entry.Date)
            .Select(e => e.Entry)
            .ToList();
    }

    /// <summary>The message of that name, or null when there is no such file in the mailbox.</summary>
    public MimeEntity? Open(string? name)
    {
        if (name is null || !SafeName().IsMatch(name) || delivery.PickupDirectory is not { } folder || !Directory.Exists(folder))
            return null;
        var file = new DirectoryInfo(folder).EnumerateFiles("*.eml").FirstOrDefault(f => f.Name == name);
        return file is null ? null : MimeReader.Parse(File.ReadAllBytes(file.FullName));
    }

    /// <summary>Enough of the file for its headers, without reading large attachments.</summary>
    private static string ReadStart(FileInfo file)
    {
        using var stream = file.OpenRead();
        var buffer = new byte[64 * 1024];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Encoding.Latin1.GetString(buffer, 0, read);
    }

    /// <summary>What SmtpClient writes (a GUID + .eml): no separators, no "..".</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,100}\.eml$")]
    private static partial Regex SafeName();
}

public static class DevMailboxServices
{
    /// <summary>The mailbox pages exist only in Development: elsewhere their routes are removed, so they answer 404.</summary>
    public static IServiceCollection AddDevelopmentMailbox(this IServiceCollection services)
    {
        services.AddSingleton<DevMailbox>();
        // PostConfigure: AddRazorPages' own set-up, registered later in Program.cs, replaces the conventions collection.
        services.AddOptions<RazorPagesOptions>().PostConfigure<IHostEnvironment>((options, environment) =>
        {
            if (!environment.IsDevelopment())
                options.Conventions.AddFolderRouteModelConvention("/DevMailbox", model => model.Selectors.Clear());
        });
        return services;
    }
}
