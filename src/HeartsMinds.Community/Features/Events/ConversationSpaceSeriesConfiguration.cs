using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Events;

internal sealed class ConversationSpaceSeriesConfiguration : IEntityTypeConfiguration<ConversationSpaceSeries>
{
    public void Configure(EntityTypeBuilder<ConversationSpaceSeries> builder)
    {
        builder.ToTable("conversation_space_series");
        builder.HasIndex(s => s.Uid).IsUnique();
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.Description).HasMaxLength(20_000);
        builder.Property(s => s.TimeZoneId).HasMaxLength(64);
        builder.Property(s => s.JoiningUrl).HasMaxLength(2_000);
        builder.Property(s => s.DayOfWeek).HasConversion<string>().HasMaxLength(10);
        builder.ToTable(t => t.HasCheckConstraint("ck_series_week_of_month", "week_of_month BETWEEN 1 AND 4 OR week_of_month = -1"));
        builder.ToTable(t => t.HasCheckConstraint("ck_series_times", "end_time > start_time"));
    }
}
