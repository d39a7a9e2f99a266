using HeartsMinds.Community.Platform.Data.Migrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Npgsql;

namespace HeartsMinds.Community.Tests.Platform;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_once_in_order_and_are_journalled_with_checksums()
    {
        await WithEmptyDatabaseAsync("journal", async database =>
        {
            var first = await new SchemaMigrator(database).MigrateAsync();
            var second = await new SchemaMigrator(database).MigrateAsync();

            Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Name), first);
            Assert.Empty(second);
            var journal = await QueryAsync(database, "SELECT name || ' ' || checksum FROM schema_migrations ORDER BY version");
            Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Name + " " + s.Checksum), journal);
        });
    }

    [Fact]
    public async Task Instances_starting_together_take_turns_and_apply_each_script_once()
    {
        await WithEmptyDatabaseAsync("race", async database =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new SchemaMigrator(database).MigrateAsync())));

            Assert.Equal(SchemaMigrator.Scripts.Count, results.Sum(r => r.Count));
            Assert.Equal([SchemaMigrator.Scripts.Count.ToString()], await QueryAsync(database, "SELECT count(*)::text FROM schema_migrations"));
        });
    }

    [Fact]
    public async Task The_app_starts_on_an_empty_database_and_builds_the_whole_schema_itself()
    {
        await WithEmptyDatabaseAsync("fresh", async database =>
        {
            await using (var app = CommunityAppFactory.ForDatabase(database))
            {
                var health = await app.CreateClient().GetAsync("/health");
                Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
            }
            Assert.Equal([SchemaMigrator.Scripts.Count.ToString()], await QueryAsync(database, "SELECT count(*)::text FROM schema_migrations"));
        });
    }

    [Fact]
    public async Task A_changed_script_that_was_already_applied_stops_start_up_with_a_clear_message()
    {
        await WithEmptyDatabaseAsync("tamper", async database =>
        {
            await new SchemaMigrator(database).MigrateAsync();
            var script = SchemaMigrator.Scripts[0];
            await QueryAsync(database, $"UPDATE schema_migrations SET checksum = 'edited-since' WHERE version = '{script.Version}' RETURNING version");

            var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => new SchemaMigrator(database).MigrateAsync());

            Assert.Contains(script.Name, error.Message);
            Assert.Contains("has changed since it was applied", error.Message);
        });
    }

    [Fact]
    public async Task The_app_does_not_start_on_a_database_whose_applied_script_was_changed()
    {
        await WithEmptyDatabaseAsync("tamper_app", async database =>
        {
            await new SchemaMigrator(database).MigrateAsync();
            await QueryAsync(database, "UPDATE schema_migrations SET checksum = 'edited-since' WHERE version = '0001' RETURNING version");
            await using var app = CommunityAppFactory.ForDatabase(database);

            var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

            Assert.Contains("has changed since it was applied", error.ToString());
        });
    }

    /// <summary>Runs <paramref name="test"/> on a new, empty database of its own, dropped afterwards.</summary>
    private static async Task WithEmptyDatabaseAsync(string purpose, Func<string, Task> test)
    {
        var database = await TestDatabases.CreateEmptyAsync(purpose);
        try
        {
            await test(database);
        }
        finally
        {
            await TestDatabases.DropAsync(database);
        }
    }

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
