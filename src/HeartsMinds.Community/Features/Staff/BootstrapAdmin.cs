using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace HeartsMinds.Community.Features.Staff;

/// <summary>
/// Makes sure the roles exist and that there is always a way in: when no admin exists, creates one from
/// Staff:BootstrapAdmin, or in Development with a generated password printed once on the console.
/// </summary>
internal sealed class BootstrapAdmin(
    IServiceScopeFactory scopes,
    Microsoft.Extensions.Options.IOptions<BootstrapAdminOptions> options,
    IHostEnvironment environment,
    ILogger<BootstrapAdmin> logger) : IHostedService
{
    public const string DevelopmentEmail = "admin@heartsminds.local";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));

        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if ((await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count > 0) return;

        var email = options.Value.Email;
        var password = options.Value.Password;
        var generated = false;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            if (!environment.IsDevelopment())
            {
                logger.LogWarning("No staff admin exists yet. Set Staff:BootstrapAdmin:Email and Staff:BootstrapAdmin:Password to create one.");
                return;
            }
            email = string.IsNullOrWhiteSpace(email) ? DevelopmentEmail : email;
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('/', 'x').Replace('+', 'y');
            generated = true;
        }

        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = new StaffUser { UserName = email, Email = email, DisplayName = "Administrator", EmailConfirmed = true };
            var created = await users.CreateAsync(admin, password);
            if (!created.Succeeded)
                throw new InvalidOperationException("Could not create the bootstrap admin: " +
                    string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(admin, StaffRoles.Admin);

        if (generated)
            // Printed once, deliberately to the console rather than the log, so it is not kept in log storage.
            Console.WriteLine($"""

                ==== Hearts & Minds Community: development staff account ====
                  Sign in at /account/sign-in
                  Email:    {email}
                  Password: {password}
                  (Shown once. Set Staff:BootstrapAdmin:* to choose your own.)
                =============================================================

                """);
        else
            logger.LogInformation("Created the first staff admin {Email} from configuration", email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
