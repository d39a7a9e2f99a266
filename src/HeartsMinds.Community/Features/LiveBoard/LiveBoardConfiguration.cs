using HeartsMinds.Community.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.LiveBoard;

internal sealed class LiveBoardConfiguration :
    IEntityTypeConfiguration<Board>, IEntityTypeConfiguration<BoardParticipant>, IEntityTypeConfiguration<BoardPost>,
    IEntityTypeConfiguration<BoardVote>, IEntityTypeConfiguration<BoardReport>, IEntityTypeConfiguration<WatchedWord>
{
    public void Configure(EntityTypeBuilder<Board> builder)
    {
        builder.ToTable("boards");
        builder.HasOne(b => b.Event).WithMany().HasForeignKey(b => b.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => b.EventId).IsUnique();
        builder.HasIndex(b => b.SessionCode).IsUnique();
        builder.Property(b => b.SessionCode).HasMaxLength(12);
    }

    public void Configure(EntityTypeBuilder<BoardParticipant> builder)
    {
        builder.ToTable("board_participants");
        builder.HasOne(p => p.Board).WithMany().HasForeignKey(p => p.BoardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Attendee).WithMany().HasForeignKey(p => p.AttendeeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(p => new { p.BoardId, p.AttendeeId }).IsUnique();
        builder.Property(p => p.DisplayName).HasMaxLength(100);
        builder.Property(p => p.Organisation).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<BoardPost> builder)
    {
        builder.ToTable("board_posts");
        builder.HasOne<Board>().WithMany().HasForeignKey(p => p.BoardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Participant).WithMany().HasForeignKey(p => p.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.BoardId, p.Sequence });
        builder.HasIndex(p => p.ParticipantId);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Body).HasMaxLength(BoardPost.MaxLength);
        builder.Property(p => p.StaffReply).HasMaxLength(BoardPost.MaxReplyLength);
        builder.Property(p => p.HeldBecause).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<BoardVote> builder)
    {
        builder.ToTable("board_votes");
        builder.HasKey(v => new { v.PostId, v.ParticipantId });
        builder.HasOne<BoardPost>().WithMany().HasForeignKey(v => v.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<BoardParticipant>().WithMany().HasForeignKey(v => v.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => v.ParticipantId);
    }

    public void Configure(EntityTypeBuilder<BoardReport> builder)
    {
        builder.ToTable("board_reports");
        builder.HasKey(r => new { r.PostId, r.ParticipantId });
        builder.HasOne<BoardPost>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<BoardParticipant>().WithMany().HasForeignKey(r => r.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.ParticipantId);
    }

    public void Configure(EntityTypeBuilder<WatchedWord> builder)
    {
        builder.ToTable("board_watched_words");
        builder.HasKey(w => w.Word);
        builder.Property(w => w.Word).HasMaxLength(100);
    }
}
