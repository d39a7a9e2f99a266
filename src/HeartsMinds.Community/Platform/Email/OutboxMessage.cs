using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// One email waiting to be sent, written in the same transaction as the change that caused it, and delivered
/// later by the <see cref="OutboxDispatcher"/>. It holds every MIME part the message will have.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Becomes the Message-ID header: the same on every attempt, so a receiver can spot a repeat.</summary>
    public Guid MessageId { get; set; } = Guid.NewGuid();

    public string ToAddress { get; set; } = "";
    public string ToName { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string? HtmlBody { get; set; }

    /// <summary>iTIP method of the text/calendar alternative (REQUEST, CANCEL), when the message is an invitation.</summary>
    public string? CalendarMethod { get; set; }
    public string? CalendarContent { get; set; }

    public List<OutboxAttachment> Attachments { get; set; } = [];
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>What the message is for, in a word or two ("staff-invitation"); for staff screens and tests.</summary>
    public string Purpose { get; set; } = "";

    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Compared with the database's now() by the dispatcher, so it keeps to the real clock.</summary>
    public DateTimeOffset NextAttemptAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>While set in the future, a dispatcher owns this message; nobody else may send it.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
