namespace HeartsMinds.Community.Features.Events;

public static class EventServices
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<SeriesPlanner>();
        return services;
    }
}
