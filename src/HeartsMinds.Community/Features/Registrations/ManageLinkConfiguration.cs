using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Registrations;

internal sealed class ManageLinkConfiguration : IEntityTypeConfiguration<ManageLink>
{
    public void Configure(EntityTypeBuilder<ManageLink> builder)
    {
        builder.ToTable("manage_links", table => table.HasCheckConstraint("ck_manage_links_one_owner",
            "num_nonnulls(registration_id, series_subscription_id, attendee_id, series_subscriber_id) = 1"));
        builder.HasOne(l => l.Registration).WithMany().HasForeignKey(l => l.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.SeriesSubscription).WithMany().HasForeignKey(l => l.SeriesSubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Attendee).WithMany().HasForeignKey(l => l.AttendeeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.SeriesSubscriber).WithMany().HasForeignKey(l => l.SeriesSubscriberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.Property(l => l.TokenHash).HasMaxLength(64);
    }
}
