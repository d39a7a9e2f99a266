using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>A file attached to an email (for example an .ics invitation).</summary>
public sealed record OutboxAttachment(string FileName, string ContentType, byte[] Content);
