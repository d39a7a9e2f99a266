using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Scheduling;

namespace HeartsMinds.Community.Features.Events;

public static class EventServices
{
    public static IServiceCollection AddEventsAndRegistrations(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<RegistrationDesk>();
        services.AddScoped<RegistrationNotifier>();
        services.AddScoped<SeriesPlanner>();
        services.AddScoped<Manage.SeriesSync>();
        services.AddScoped<SubscriptionDesk>();
        // Every night at 03:00 UK time, and at start-up, so the months ahead always have their sessions.
        services.AddRecurringJob<FillSeriesHorizonJob>(FillSeriesHorizonJob.Key, "0 0 3 * * ?", runAtStartup: true);
        services.AddHostedService<DemoData>();
        return services;
    }
}
