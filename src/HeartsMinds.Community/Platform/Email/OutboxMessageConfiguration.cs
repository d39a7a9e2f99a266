using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Platform.Email;

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
