using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Scheduling;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

public static class RegistrationServices
{
    public static IServiceCollection AddRegistrations(this IServiceCollection services)
    {
        services.AddScoped<RegistrationDesk>();
        services.AddScoped<RegistrationNotifier>();
        services.AddScoped<RegistrationNotices>();
        services.AddScoped<NoticeWriter>();
        services.AddSingleton<NoticeSignal>();
        services.AddSingleton<NoticeDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeDispatcher>());
        services.AddScoped<SubscriptionDesk>();
        services.AddScoped<SeriesNotifier>();
        services.AddScoped<SeriesInvitations>();
        services.AddScoped<LostLinks>();
        services.AddOptions<EverySessionOptions>().BindConfiguration(EverySessionOptions.Section)
            .Validate(o => o.IsValid, "EverySession:PlacesTakenBefore must be more than zero and EverySession:Cron a valid Quartz cron expression.")
            .ValidateOnStart();
        services.AddRecurringJob<TakeSessionPlacesJob>(TakeSessionPlacesJob.Key,
            sp => sp.GetRequiredService<IOptions<EverySessionOptions>>().Value.Cron, runAtStartup: true);
        services.AddScoped<Manage.SeriesSync>();
        services.AddScoped<IPlaceCounter, PlaceCounter>();
        services.AddScoped<PrivateCalendarFeed>();
        services.AddTransient<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, PublicPageEviction>();
        // Every night at 03:00 UK time, and at start-up, so the months ahead always have their sessions.
        services.AddRecurringJob<FillSeriesHorizonJob>(FillSeriesHorizonJob.Key, "0 0 3 * * ?", runAtStartup: true);
        services.AddHostedService<DemoData>();
        return services;
    }

    public static IEndpointRouteBuilder MapRegistrations(this IEndpointRouteBuilder app)
    {
        PrivateCalendarFeed.Map(app);
        return app;
    }
}
