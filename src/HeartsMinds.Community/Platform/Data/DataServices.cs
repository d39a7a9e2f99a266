using HeartsMinds.Community.Platform.Data.Migrations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Platform.Data;

public static class DataServices
{
    public static IServiceCollection AddCommunityData(this IServiceCollection services)
    {
        // Read when first needed, not here, so hosts (tests, tools) can still change the configuration.
        services.AddSingleton(sp => new CommunityConnectionString(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContext<CommunityDb>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<CommunityConnectionString>().Value)
            .AddInterceptors(new TimestampsFromClock(sp.GetRequiredService<TimeProvider>()))
            // Features add their own (each context gets fresh instances: register them transient).
            .AddInterceptors(sp.GetServices<IInterceptor>()));

        // Registered first so that the schema is in place before any other hosted service starts.
        services.AddSingleton(sp => new SchemaMigrator(sp.GetRequiredService<CommunityConnectionString>().Value));
        services.AddHostedService<MigrateOnStartup>();

        services.AddDataProtection().SetApplicationName("HeartsMinds.Community");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlRepository = new DataProtectionKeyStore(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }

    public static bool PrintEfSchemaIfAsked(this WebApplication app, string[] args)
    {
        if (!args.Contains("--print-ef-schema")) return false;
        using var scope = app.Services.CreateScope();
        Console.WriteLine(scope.ServiceProvider.GetRequiredService<CommunityDb>().Database.GenerateCreateScript());
        return true;
    }
}
