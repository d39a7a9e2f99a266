using System.Net;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Features.Staff;

/// <summary>The email that invites a new member of staff to choose a password.</summary>
public static class StaffInvitation
{
    public const string Purpose = "staff-invitation";

    public static string Link(SiteOptions site, string userId, string token) =>
        site.Url($"/account/accept-invitation?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}");

    public static OutboxMessage Email(SiteOptions site, StaffUser user, string invitedBy, string link) => new()
    {
        ToAddress = user.Email!,
        ToName = user.DisplayName,
        Purpose = Purpose,
        Subject = $"You're invited to the {site.Name} staff area",
        TextBody = $"""
            Hello {user.DisplayName},

            {invitedBy} has invited you to the staff area of {site.Name}.

            Choose your password here (the link works for 3 days and only once):
            {link}

            If you weren't expecting this, you can ignore this email.
            """,
        HtmlBody = $"""
            <p>Hello {WebUtility.HtmlEncode(user.DisplayName)},</p>
            <p>{WebUtility.HtmlEncode(invitedBy)} has invited you to the staff area of {WebUtility.HtmlEncode(site.Name)}.</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">Choose your password</a> (the link works for 3 days and only once).</p>
            <p>If you weren't expecting this, you can ignore this email.</p>
            """,
    };
}
