using HeartsMinds.Community.Features.Calendar;
using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Features.Newsletters;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Features.Reminders;
using HeartsMinds.Community.Features.Staff;
using HeartsMinds.Community.Platform.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Platform.Data;

/// <summary>
/// The one database context. Features own their entity classes and configure them here through
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes found in this assembly.
/// The schema itself comes from the SQL scripts in Migrations/; a test proves the two agree.
/// </summary>
public sealed class CommunityDb(DbContextOptions<CommunityDb> options)
    : IdentityDbContext<StaffUser, IdentityRole, string>(options)
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<ConversationSpaceSeries> ConversationSpaceSeries => Set<ConversationSpaceSeries>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<Attendee> Attendees => Set<Attendee>();
    public DbSet<SeriesSubscription> SeriesSubscriptions => Set<SeriesSubscription>();
    public DbSet<ManageLink> ManageLinks => Set<ManageLink>();
    public DbSet<RegistrationNotice> RegistrationNotices => Set<RegistrationNotice>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<ReminderSent> RemindersSent => Set<ReminderSent>();
    public DbSet<StaffMessage> StaffMessages => Set<StaffMessage>();
    public DbSet<Signatory> Signatories => Set<Signatory>();
    public DbSet<SignatoryLink> SignatoryLinks => Set<SignatoryLink>();
    public DbSet<CharterInvitation> CharterInvitations => Set<CharterInvitation>();
    public DbSet<Board> Boards => Set<Board>();
    public DbSet<BoardParticipant> BoardParticipants => Set<BoardParticipant>();
    public DbSet<BoardPost> BoardPosts => Set<BoardPost>();
    public DbSet<BoardVote> BoardVotes => Set<BoardVote>();
    public DbSet<BoardReport> BoardReports => Set<BoardReport>();
    public DbSet<WatchedWord> WatchedWords => Set<WatchedWord>();
    public DbSet<Newsletter> Newsletters => Set<Newsletter>();
    public DbSet<NewsletterDelivery> NewsletterDeliveries => Set<NewsletterDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        StaffIdentityTables.Name(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CommunityDb).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }
}
