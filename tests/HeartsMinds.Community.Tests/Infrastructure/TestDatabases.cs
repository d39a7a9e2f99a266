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
        var name = $"hm_test_{purpose}_{RunId}_{Interlocked.Increment(ref _counter)}";
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

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static string ConnectionStringFor(string database) =>
        // A small pool per database: many test classes run at once against one server with ~100 connection slots.
        new NpgsqlConnectionStringBuilder(Server) { Database = database, IncludeErrorDetail = true, MaxPoolSize = 15 }.ConnectionString;

    private static async Task<string> EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var name = $"hm_template_{RunId}";
            await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
            var connectionString = ConnectionStringFor(name);
            await new SchemaMigrator(connectionString).MigrateAsync();
            // A template cannot be cloned while anyone is connected to it.
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
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
