using Microsoft.AspNetCore.Identity;

namespace HeartsMinds.Community.Features.Staff;

/// <summary>A member of Partnership staff who can sign in to /manage.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
