using System.Text.Json;
using HeartsMinds.Community.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Registrations;

internal sealed class RegistrationNoticeConfiguration : IEntityTypeConfiguration<RegistrationNotice>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<RegistrationNotice> builder)
    {
        builder.ToTable("registration_notices");
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
        builder.HasOne<Event>().WithMany().HasForeignKey(n => n.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(n => n.Registration).WithMany().HasForeignKey(n => n.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Attendee>().WithMany().HasForeignKey(n => n.AttendeeId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(n => n.LastError).HasMaxLength(1000);
        builder.Property(n => n.Facts).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<NoticeFacts>(v, Json) ?? new NoticeFacts(),
            new ValueComparer<NoticeFacts>((a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                v => JsonSerializer.Serialize(v, Json).GetHashCode(), v => JsonSerializer.Deserialize<NoticeFacts>(JsonSerializer.Serialize(v, Json), Json)!));
        builder.HasIndex(n => n.NextAttemptAt);
    }
}
