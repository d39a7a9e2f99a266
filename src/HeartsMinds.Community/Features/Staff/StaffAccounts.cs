using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace HeartsMinds.Community.Features.Staff;

public static class StaffAccounts
{
    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";

    public static IServiceCollection AddStaffAccounts(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddIdentity<StaffUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false; // length matters more than character classes (NCSC guidance)
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<CommunityDb>()
            .AddDefaultTokenProviders();

        // The sign-in cookie is checked against the account on every request, so removing someone (or sending them a
        // new password link) signs them out everywhere at once. Staff are few, so the extra lookup costs little.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        // Invitation links are password-set tokens; give people a few days to act on them.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "hm.staff";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = environment.IsDevelopment()
                ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
            // The handler builds an absolute address from the request's Host header, which anyone can forge: send
            // the browser to the path alone.
            options.Events.OnRedirectToLogin = RedirectToPathOnly;
            options.Events.OnRedirectToAccessDenied = RedirectToPathOnly;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.All))
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Admin));

        services.AddOptions<BootstrapAdminOptions>().BindConfiguration(BootstrapAdminOptions.Section);
        services.AddHostedService<BootstrapAdmin>();
        return services;
    }

    private static Task RedirectToPathOnly(RedirectContext<CookieAuthenticationOptions> context)
    {
        var target = Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri;
        context.Response.Redirect(target);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The account with an id that came in a link or a form, or null. Account ids are GUIDs (Identity makes them); any
    /// other id is no account, and looking it up could only fail: PostgreSQL refuses text with a NUL in it.
    /// </summary>
    public static Task<StaffUser?> FindByIdFromRequestAsync(this UserManager<StaffUser> users, string? id) =>
        Guid.TryParse(id, out _) ? users.FindByIdAsync(id!) : Task.FromResult<StaffUser?>(null);

    /// <summary>Every page whose route starts with /manage requires a signed-in member of staff.</summary>
    public static TBuilder RequireStaffUnderManage<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && ManageArea.Contains(route.RoutePattern.RawText))
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(StaffPolicy));
        });
        return builder;
    }
}
