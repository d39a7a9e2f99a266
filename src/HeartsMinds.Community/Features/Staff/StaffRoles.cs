namespace HeartsMinds.Community.Features.Staff;

/// <summary>The two staff roles. Admins can also invite and remove staff.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public static readonly string[] All = [Admin, Staff];
}
