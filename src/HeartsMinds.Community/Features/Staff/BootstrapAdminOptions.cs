using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace HeartsMinds.Community.Features.Staff;

/// <summary>Staff:BootstrapAdmin: the first administrator, created at start-up when no admin exists.</summary>
public sealed class BootstrapAdminOptions
{
    public const string Section = "Staff:BootstrapAdmin";

    /// <summary>Email address (and user name) of the first admin.</summary>
    public string? Email { get; set; }

    /// <summary>Password of the first admin. At least 12 characters.</summary>
    public string? Password { get; set; }
}
