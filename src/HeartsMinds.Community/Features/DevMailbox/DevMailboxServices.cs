using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.DevMailbox;

public static class DevMailboxServices
{
    /// <summary>The mailbox pages exist only in Development: elsewhere their routes are removed, so they answer 404.</summary>
    public static IServiceCollection AddDevelopmentMailbox(this IServiceCollection services)
    {
        services.AddSingleton<DevMailbox>();
        // PostConfigure: AddRazorPages' own set-up, registered later in Program.cs, replaces the conventions collection.
        services.AddOptions<RazorPagesOptions>().PostConfigure<IHostEnvironment>((options, environment) =>
        {
            if (!environment.IsDevelopment())
                options.Conventions.AddFolderRouteModelConvention("/DevMailbox", model => model.Selectors.Clear());
        });
        return services;
    }

    public static WebApplication MapDevelopmentMailbox(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            DevMailboxEndpoints.Map(app);
        return app;
    }
}
