using HeartsMinds.Community.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Registrations;

internal sealed class StaffMessageConfiguration : IEntityTypeConfiguration<StaffMessage>
{
    public void Configure(EntityTypeBuilder<StaffMessage> builder)
    {
        builder.ToTable("staff_messages");
        builder.HasOne<Event>().WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.SubmissionKey).IsUnique();
        builder.HasIndex(m => m.EventId);
        builder.Property(m => m.Audience).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Subject).HasMaxLength(200);
        builder.Property(m => m.Body).HasMaxLength(5_000);
        builder.Property(m => m.SentBy).HasMaxLength(254);
    }
}
