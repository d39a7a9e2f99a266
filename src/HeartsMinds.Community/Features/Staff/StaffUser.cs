using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Staff;

/// <summary>A member of Partnership staff who can sign in to /manage.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The two staff roles. Admins can also invite and remove staff.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public static readonly string[] All = [Admin, Staff];
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
    }
}

/// <summary>Gives ASP.NET Core Identity's tables names that say what they hold.</summary>
internal static class StaffIdentityTables
{
    public static void Name(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StaffUser>().ToTable("staff_users");
        modelBuilder.Entity<IdentityRole>().ToTable("staff_roles");
        modelBuilder.Entity<IdentityUserRole<string>>().ToTable("staff_user_roles");
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("staff_user_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("staff_user_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("staff_user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<string>>().ToTable("staff_role_claims");
    }
}
