using HeartsMinds.Community.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>One organisation's registration of one or more of its people for one event.</summary>
public sealed class Registration
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public Event Event { get; set; } = null!;

    public string OrganisationName { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";

    /// <summary>Made for a "every session" subscription; managed from the subscription's page.</summary>
    public long? SeriesSubscriptionId { get; set; }
    public SeriesSubscription? SeriesSubscription { get; set; }

    /// <summary>From a hidden field on the form: the same key twice (double-click, resubmit) is the same registration.</summary>
    public Guid SubmissionKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public List<Attendee> Attendees { get; set; } = [];
}

public enum AttendeeStatus { Confirmed, Waitlisted, Cancelled }

/// <summary>A person with a place (or waiting for one) at an event.</summary>
public sealed class Attendee
{
    public long Id { get; set; }
    public long RegistrationId { get; set; }
    public Registration Registration { get; set; } = null!;

    /// <summary>Copied from the registration so that places can be counted and locked per event cheaply.</summary>
    public long EventId { get; set; }

    public string Name { get; set; } = "";
    public string Email { get; set; } = "";

    /// <summary>Lower-cased email: one person, one place per event.</summary>
    public string EmailKey { get; set; } = "";
    public string? Role { get; set; }
    public string? AccessNeeds { get; set; }
    public string? DietaryNeeds { get; set; }

    public AttendeeStatus Status { get; set; }

    /// <summary>Waitlist order: lower goes first. Taken from a sequence, so it follows the order people asked.</summary>
    public long QueuePosition { get; set; }

    /// <summary>SHA-256 of the random code in the QR on a confirmed attendee's email, which opens their check-in for staff.</summary>
    public string CheckInCodeHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PromotedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? CheckedInAt { get; set; }

    public static string KeyOf(string email) => email.Trim().ToLowerInvariant();
}

/// <summary>An organisation's standing registration for every Conversation Space session of a series.</summary>
public sealed class SeriesSubscription
{
    public long Id { get; set; }
    public long SeriesId { get; set; }
    public ConversationSpaceSeries Series { get; set; } = null!;

    public string OrganisationName { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public Guid SubmissionKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public List<SeriesSubscriber> Members { get; set; } = [];
}

/// <summary>A person registered, through a subscription, for every session of a series.</summary>
public sealed class SeriesSubscriber
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Role { get; set; }
    public string? AccessNeeds { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
}

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
    }
}
