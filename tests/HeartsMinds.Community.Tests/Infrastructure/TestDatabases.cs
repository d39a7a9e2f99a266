using HeartsMinds.Community.Platform.Data.Migrations;
using Npgsql;

namespace HeartsMinds.Community.Tests.Infrastructure;

/// <summary>
/// Real PostgreSQL for tests. One template database per test run is migrated once; each test class gets a fresh
/// database cloned from it (CREATE DATABASE ... TEMPLATE), which takes milliseconds.
/// The server comes from COMMUNITY_TEST_DB (a connection string whose user may create databases),
/// defaulting to the local one that ./test.sh starts.
/// </summary>
public static class TestDatabases
{
    public static readonly string Server = Environment.GetEnvironmentVariable("COMMUNITY_TEST_DB")
        ?? "Host=localhost;Port=5432;Username=community;Password=community";

    private static readonly string RunId = $"{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;
    private static int _counter;

    /// <summary>Creates an empty database (no schema), for tests of the migrations themselves.</summary>
    public static async Task<string> CreateEmptyAsync(string purpose)
    {
        var name = $"hm_test_{RunId}_{purpose}_{Interlocked.Increment(ref _counter)}";
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionStringFor(name);
    }

    /// <summary>Creates a database with the current schema, cloned from the migrated template.</summary>
    public static async Task<string> CreateMigratedAsync()
    {
        var template = await EnsureTemplateAsync();
        var name = $"hm_test_{RunId}_{Interlocked.Increment(ref _counter)}";
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return ConnectionStringFor(name);
    }

    public static async Task DropAsync(string connectionString) =>
        await DropDatabaseAsync(new NpgsqlConnectionStringBuilder(connectionString).Database!);

    private static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        // FORCE can fail while an autovacuum worker holds the database; it is only tidying, so try a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException) when (attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
            catch (PostgresException)
            {
                return;
            }
        }
    }

    /// <summary>Databases left by test runs whose process has gone (killed, or ended before tidying up).</summary>
    private static async Task DropLeftoversAsync()
    {
        var names = new List<string>();
        await using (var connection = new NpgsqlConnection(ConnectionStringFor("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                @"SELECT datname FROM pg_database WHERE datname LIKE 'hm\_test\_%' OR datname LIKE 'hm\_template\_%'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        }
        foreach (var name in names)
        {
            var pid = name.Split('_').Select(part => int.TryParse(part, out var n) ? n : 0).FirstOrDefault(n => n > 0);
            if (pid > 0 && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
                await DropDatabaseAsync(name);
        }
    }

    public static string ConnectionStringFor(string database) =>
        // A small pool per database: many test classes run at once against one server with ~100 connection slots.
        new NpgsqlConnectionStringBuilder(Server) { Database = database, IncludeErrorDetail = true, MaxPoolSize = 25, Timeout = 60 }.ConnectionString;

    private static async Task<string> EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            await DropLeftoversAsync();
            var name = $"hm_template_{RunId}";
            await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
            var connectionString = ConnectionStringFor(name);
            await new SchemaMigrator(connectionString).MigrateAsync();
            // A template cannot be cloned while anyone is connected to it.
            NpgsqlConnection.ClearAllPools();
            return _template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
