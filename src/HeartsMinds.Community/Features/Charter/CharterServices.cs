using HeartsMinds.Community.Platform.Scheduling;

namespace HeartsMinds.Community.Features.Charter;

public static class CharterServices
{
    public static IServiceCollection AddCharter(this IServiceCollection services)
    {
        services.AddOptions<CharterOptions>().BindConfiguration(CharterOptions.Section)
            .Validate(o => o.MapOfServicesUrl is null || Uri.TryCreate(o.MapOfServicesUrl, UriKind.Absolute, out _),
                "Charter:MapOfServicesUrl must be an absolute URL when set.")
            .ValidateOnStart();
        services.AddScoped<CharterDesk>();
        services.AddScoped<RemoveUnconfirmedSignaturesJob>();
        // Every night at 04:10 UK time.
        services.AddRecurringJob<RemoveUnconfirmedSignaturesJob>(RemoveUnconfirmedSignaturesJob.Key, "0 10 4 * * ?");
        return services;
    }

    public static IEndpointRouteBuilder MapCharter(this IEndpointRouteBuilder app)
    {
        CharterEndpoints.Map(app);
        return app;
    }
}
