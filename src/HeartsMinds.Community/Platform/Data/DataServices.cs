using HeartsMinds.Community.Platform.Data.Migrations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Platform.Data;

public static class DataServices
{
    public static IServiceCollection AddCommunityData(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Community")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Community is not set. Set it in appsettings or as ConnectionStrings__Community.");

        services.AddDbContext<CommunityDb>(options => options.UseNpgsql(connectionString));

        // Registered first so that the schema is in place before any other hosted service starts.
        services.AddSingleton(new SchemaMigrator(connectionString));
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
