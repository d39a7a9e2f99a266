using HeartsMinds.Community.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Charter;

internal sealed class CharterConfiguration :
    IEntityTypeConfiguration<Signatory>, IEntityTypeConfiguration<SignatoryLink>, IEntityTypeConfiguration<CharterInvitation>
{
    public void Configure(EntityTypeBuilder<Signatory> builder)
    {
        builder.ToTable("charter_signatories");
        builder.HasIndex(s => s.EmailKey).IsUnique();
        builder.HasIndex(s => new { s.Status, s.Region });
        builder.Property(s => s.OrganisationName).HasMaxLength(200);
        builder.Property(s => s.ContactName).HasMaxLength(200);
        builder.Property(s => s.Role).HasMaxLength(200);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.EmailKey).HasMaxLength(254);
        builder.Property(s => s.Region).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.Postcode).HasMaxLength(10);
        builder.Property(s => s.Website).HasMaxLength(500);
        builder.Property(s => s.Description).HasMaxLength(1_000);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.StaffNotes).HasMaxLength(4_000);
    }

    public void Configure(EntityTypeBuilder<SignatoryLink> builder)
    {
        builder.ToTable("charter_links");
        builder.HasOne(l => l.Signatory).WithMany().HasForeignKey(l => l.SignatoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<CharterInvitation> builder)
    {
        builder.ToTable("charter_invitations");
        builder.HasOne<Signatory>().WithMany().HasForeignKey(i => i.SignatoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Event>().WithMany().HasForeignKey(i => i.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.SignatoryId, i.EventId }).IsUnique();
        builder.HasIndex(i => i.EventId);
    }
}
