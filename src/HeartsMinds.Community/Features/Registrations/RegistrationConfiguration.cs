using HeartsMinds.Community.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Registrations;

internal sealed class RegistrationConfiguration :
    IEntityTypeConfiguration<Registration>, IEntityTypeConfiguration<Attendee>,
    IEntityTypeConfiguration<SeriesSubscription>, IEntityTypeConfiguration<SeriesSubscriber>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.ToTable("registrations");
        builder.HasOne(r => r.Event).WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.SeriesSubscription).WithMany().HasForeignKey(r => r.SeriesSubscriptionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Attendees).WithOne(a => a.Registration).HasForeignKey(a => a.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.EventId, r.SubmissionKey }).IsUnique();
        builder.HasIndex(r => r.SeriesSubscriptionId);
        builder.Property(r => r.OrganisationName).HasMaxLength(200);
        builder.Property(r => r.ContactName).HasMaxLength(200);
        builder.Property(r => r.ContactEmail).HasMaxLength(254);
    }

    public void Configure(EntityTypeBuilder<Attendee> builder)
    {
        builder.ToTable("attendees");
        builder.HasOne<Event>().WithMany().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
        // The database, not the code, guarantees one live place per person per event.
        builder.HasIndex(a => new { a.EventId, a.EmailKey }).IsUnique().HasFilter("status <> 'Cancelled'");
        builder.HasIndex(a => new { a.EventId, a.Status, a.QueuePosition });
        builder.HasIndex(a => a.CheckInCodeHash).IsUnique();
        builder.HasIndex(a => a.EmailKey); // "lost your link?" finds a person's places by address
        builder.Property(a => a.QueuePosition).HasDefaultValueSql("nextval('attendee_queue')");
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Email).HasMaxLength(254);
        builder.Property(a => a.EmailKey).HasMaxLength(254);
        builder.Property(a => a.Role).HasMaxLength(200);
        builder.Property(a => a.AccessNeeds).HasMaxLength(2_000);
        builder.Property(a => a.DietaryNeeds).HasMaxLength(2_000);
        builder.Property(a => a.CheckInCodeHash).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<SeriesSubscription> builder)
    {
        builder.ToTable("series_subscriptions");
        builder.HasOne(s => s.Series).WithMany().HasForeignKey(s => s.SeriesId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Members).WithOne().HasForeignKey(m => m.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.SeriesId, s.SubmissionKey }).IsUnique();
        builder.Property(s => s.OrganisationName).HasMaxLength(200);
        builder.Property(s => s.ContactName).HasMaxLength(200);
        builder.Property(s => s.ContactEmail).HasMaxLength(254);
    }

    public void Configure(EntityTypeBuilder<SeriesSubscriber> builder)
    {
        builder.ToTable("series_subscribers");
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Email).HasMaxLength(254);
        builder.Property(m => m.Role).HasMaxLength(200);
        builder.Property(m => m.AccessNeeds).HasMaxLength(2_000);
        builder.Ignore(m => m.EmailKey);
    }
}
