using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Events;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.ToTable("events");
        builder.HasIndex(e => e.Uid).IsUnique();
        builder.HasIndex(e => new { e.Status, e.StartsAt });
        builder.HasIndex(e => new { e.SeriesId, e.OccurrenceDate }).IsUnique();
        builder.HasOne(e => e.Series).WithMany().HasForeignKey(e => e.SeriesId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Title).HasMaxLength(200);
        builder.Property(e => e.Description).HasMaxLength(20_000);
        builder.Property(e => e.TimeZoneId).HasMaxLength(64);
        builder.Property(e => e.JoiningUrl).HasMaxLength(2_000);
        builder.Property(e => e.VenueName).HasMaxLength(200);
        builder.Property(e => e.VenueAddress).HasMaxLength(1_000);
        builder.Property(e => e.VenuePostcode).HasMaxLength(10);
        builder.Property(e => e.MapUrl).HasMaxLength(2_000);
        builder.Property(e => e.AccessibilityInfo).HasMaxLength(4_000);
        builder.Property(e => e.ArrivalNotes).HasMaxLength(4_000);
        builder.Property(e => e.CancellationReason).HasMaxLength(1_000);
        builder.ToTable(t => t.HasCheckConstraint("ck_events_ends_after_start", "ends_at > starts_at"));
        builder.ToTable(t => t.HasCheckConstraint("ck_events_capacity", "capacity >= 0"));
    }
}
