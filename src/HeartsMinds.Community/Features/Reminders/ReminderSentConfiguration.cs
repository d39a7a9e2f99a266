using HeartsMinds.Community.Features.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Reminders;

internal sealed class ReminderSentConfiguration : IEntityTypeConfiguration<ReminderSent>
{
    public void Configure(EntityTypeBuilder<ReminderSent> builder)
    {
        builder.ToTable("reminders_sent");
        builder.HasOne<Attendee>().WithMany().HasForeignKey(r => r.AttendeeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.AttendeeId, r.ReminderKey, r.EventStartsAt }).IsUnique();
        builder.Property(r => r.ReminderKey).HasMaxLength(50);
    }
}
