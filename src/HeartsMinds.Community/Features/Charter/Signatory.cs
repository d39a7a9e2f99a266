namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// An organisation that signed the Hearts and Minds Charter. Nothing is sent to it, beyond the confirmation email,
/// until its contact follows the link in that email (double opt-in); then it receives the newsletter and event
/// invitations, each of which it can turn off.
/// </summary>
public sealed class Signatory
{
    public long Id { get; set; }
    public string OrganisationName { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string? Role { get; set; }
    public string Email { get; set; } = "";

    /// <summary>Lower-cased email: one signatory per address, so signing again finds the same one.</summary>
    public string EmailKey { get; set; } = "";

    public EnglishRegion Region { get; set; }
    public string? Postcode { get; set; }
    public string? Website { get; set; }
    public string? Description { get; set; }

    public SignatoryStatus Status { get; set; } = SignatoryStatus.Pending;
    public bool WantsNewsletter { get; set; } = true;
    public bool WantsInvitations { get; set; } = true;

    /// <summary>Named on the public "Our community" list: only when they chose it.</summary>
    public bool ListedPublicly { get; set; }

    /// <summary>Staff's own notes; never shown to the signatory except in "everything you hold about us".</summary>
    public string? StaffNotes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ConfirmationSentAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    public static string KeyOf(string email) => email.Trim().ToLowerInvariant();
}
