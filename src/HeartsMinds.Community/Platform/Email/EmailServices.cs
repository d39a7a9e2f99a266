namespace HeartsMinds.Community.Platform.Email;

public static class EmailServices
{
    public static IServiceCollection AddCommunityEmail(this IServiceCollection services, IHostEnvironment environment)
    {
        // Filled in with the outbox dispatcher and transports.
        return services;
    }

    public static WebApplication MapDevelopmentMailbox(this WebApplication app) => app;
}

/// <summary>Placeholder; see EmailServices.</summary>
public sealed class OutboxDispatcher;
