using System.Text.Json.Serialization;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// A file sent with an email (for example an .ics invitation). With a <paramref name="ContentId"/> it is an inline
/// image instead: part of the HTML (multipart/related), shown where the HTML says <c>cid:ContentId</c>, not a download.
/// Stored as JSON, so rows written before the content id existed read back with none.
/// </summary>
public sealed record OutboxAttachment(string FileName, string ContentType, byte[] Content, string? ContentId = null)
{
    [JsonIgnore]
    public bool IsInline => ContentId is not null;
}
