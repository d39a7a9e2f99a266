using HeartsMinds.Community.Features.Events;

namespace HeartsMinds.Community.Features.Registrations;

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
