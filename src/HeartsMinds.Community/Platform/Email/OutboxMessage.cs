using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Platform.Email;

public enum OutboxStatus { Pending, Sent, Failed }

/// <summary>A file attached to an email (for example an .ics invitation).</summary>
public sealed record OutboxAttachment(string FileName, string ContentType, byte[] Content);

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

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasIndex(m => m.MessageId).IsUnique();
        // The dispatcher's claim looks only at pending rows, due first; sent rows pile up and stay out of this index.
        // The filter is spelled as PostgreSQL prints it back, so the schema test can compare the two.
        builder.HasIndex(m => new { m.NextAttemptAt, m.Id }).HasDatabaseName("ix_outbox_messages_pending")
            .HasFilter("((status)::text = 'Pending'::text)");
        builder.Property(m => m.ToAddress).HasMaxLength(320);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Purpose).HasMaxLength(100);
        builder.Property(m => m.CalendarMethod).HasMaxLength(20);
        builder.Property(m => m.LockedBy).HasMaxLength(200);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Attachments).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<OutboxAttachment>>(v, Json) ?? new List<OutboxAttachment>(),
            new ValueComparer<List<OutboxAttachment>>((a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                v => JsonSerializer.Serialize(v, Json).GetHashCode(), v => v.ToList()));
        builder.Property(m => m.Headers).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, Json) ?? new Dictionary<string, string>(),
            new ValueComparer<Dictionary<string, string>>((a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                v => JsonSerializer.Serialize(v, Json).GetHashCode(), v => new Dictionary<string, string>(v)));
    }
}
