using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Features.Staff;

/// <summary>The email that invites a new member of staff to choose a password.</summary>
public static class StaffInvitation
{
    public const string Purpose = "staff-invitation";

    public static string Link(SiteOptions site, string userId, string token) =>
        site.Url($"/account/accept-invitation?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}");

    public static OutboxMessage Email(SiteOptions site, StaffUser user, string invitedBy, string link) =>
        new EmailBuilder(user.Email!, user.DisplayName, $"You're invited to the {site.Name} staff area", Purpose)
            .Paragraph($"Hello {user.DisplayName},")
            .Paragraph($"{invitedBy} has invited you to the staff area of {site.Name}.")
            .Button("Choose your password", link, "The link works for 3 days and only once.")
            .Paragraph("If you weren't expecting this, you can ignore this email: nothing happens until the link is used.")
            .Because($"You're getting this because {invitedBy} invited this address to the {site.Name} staff area.")
            .Build(site);
}
