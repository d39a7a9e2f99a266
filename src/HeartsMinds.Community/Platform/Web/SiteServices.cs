namespace HeartsMinds.Community.Platform.Web;

public static class SiteServices
{
    public static IServiceCollection AddSiteOptions(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section)
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Site:BaseUrl must be an absolute URL.")
            .ValidateOnStart();
        return services;
    }

    public static IServiceCollection AddCommunityPages(this IServiceCollection services)
    {
        services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddMvcOptions(o =>
            {
                o.ModelBinderProviders.Insert(0, new BooleanFieldBinderProvider());
                o.Filters.Add<HandlerRequiredFilter>();
            });
        // Named so the privacy notice can list it; it only carries one-off notices between pages.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.Name = "hm.notice");
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = "hm.af";
        });
        return services;
    }

    /// <summary>Friendly error pages in the site's own style: /error for exceptions, /not-found and others by status code.</summary>
    public static WebApplication UseCommunityErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }
}
