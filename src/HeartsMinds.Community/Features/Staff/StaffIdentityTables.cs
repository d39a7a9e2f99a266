using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Staff;

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
