using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Calendar;

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("calendar_feeds");
        builder.HasIndex(f => f.ContactEmailKey).IsUnique();
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.Property(f => f.ContactEmailKey).HasMaxLength(320);
        builder.Property(f => f.TokenHash).HasMaxLength(64);
    }
}
