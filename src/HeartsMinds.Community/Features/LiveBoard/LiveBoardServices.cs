using Microsoft.AspNetCore.Http.Connections;

namespace HeartsMinds.Community.Features.LiveBoard;

public static class LiveBoardServices
{
    public static IServiceCollection AddLiveBoard(this IServiceCollection services)
    {
        services.AddOptions<LiveBoardOptions>().BindConfiguration(LiveBoardOptions.Section)
            .Validate(o => o.PostsPerMinute > 0 && o.ActionsPerMinute > 0, "LiveBoard:PostsPerMinute and LiveBoard:ActionsPerMinute must be above 0.")
            .ValidateOnStart();
        services.AddSingleton<BoardRateLimits>();
        services.AddSingleton<BoardPass>();
        services.AddSingleton<BoardBroadcast>();
        services.AddSingleton<BoardConnections>();
        services.AddScoped<WatchedWords>();
        services.AddScoped<BoardDesk>();
        services.AddScoped<BoardAccess>();
        return services;
    }

    public static IEndpointRouteBuilder MapLiveBoard(this IEndpointRouteBuilder app)
    {
        // WebSockets only: no negotiation round trip, and no sticky sessions needed behind a load balancer.
        app.MapHub<BoardHub>(BoardHub.Path, options => options.Transports = HttpTransportType.WebSockets);
        return app;
    }
}
