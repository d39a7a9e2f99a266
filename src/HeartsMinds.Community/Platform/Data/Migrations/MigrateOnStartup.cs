using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace HeartsMinds.Community.Platform.Data.Migrations;

/// <summary>Brings the schema up to date before the rest of the app starts.</summary>
internal sealed class MigrateOnStartup(SchemaMigrator migrator, ILogger<MigrateOnStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var applied = await migrator.MigrateAsync(cancellationToken);
            if (applied.Count > 0) logger.LogInformation("Applied migrations {Migrations}", applied);
        }
        catch (SchemaMigrationException ex)
        {
            logger.LogCritical("The database schema cannot be brought up to date: {Reason}", ex.Message);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
