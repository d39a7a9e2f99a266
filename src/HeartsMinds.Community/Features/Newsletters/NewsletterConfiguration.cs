using HeartsMinds.Community.Features.Charter;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Newsletters;

internal sealed class NewsletterConfiguration : IEntityTypeConfiguration<Newsletter>, IEntityTypeConfiguration<NewsletterDelivery>
{
    public void Configure(EntityTypeBuilder<Newsletter> builder)
    {
        builder.ToTable("newsletters");
        builder.Property(n => n.Subject).HasMaxLength(Newsletter.SubjectMaxLength);
        builder.Property(n => n.PreviewLine).HasMaxLength(Newsletter.PreviewLineMaxLength);
        builder.Property(n => n.BodyMarkdown).HasMaxLength(Newsletter.BodyMaxLength);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.UpdatedBy).HasMaxLength(254);
        builder.HasIndex(n => new { n.Status, n.ScheduledFor });
    }

    public void Configure(EntityTypeBuilder<NewsletterDelivery> builder)
    {
        builder.ToTable("newsletter_deliveries");
        builder.HasOne<Newsletter>().WithMany().HasForeignKey(d => d.NewsletterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Signatory>().WithMany().HasForeignKey(d => d.SignatoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.NewsletterId, d.SignatoryId }).IsUnique();
        builder.HasIndex(d => new { d.NewsletterId, d.Status, d.NextAttemptAt });
        builder.HasIndex(d => d.SignatoryId);
        builder.Property(d => d.ToAddress).HasMaxLength(254);
        builder.Property(d => d.ToName).HasMaxLength(200);
        builder.Property(d => d.OrganisationName).HasMaxLength(200);
        builder.Property(d => d.LinkToken).HasMaxLength(43);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.LockedBy).HasMaxLength(200);
        builder.Property(d => d.LastError).HasMaxLength(1_000);
    }
}
