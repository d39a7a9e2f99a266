using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace HeartsMinds.Community.Platform.Data.Migrations;

/// <summary>
/// Applies the numbered scripts in this folder (0001_*.sql, 0002_*.sql, ...) in order, each in its own transaction,
/// and journals them in schema_migrations with a checksum. A PostgreSQL advisory lock makes concurrent starts of
/// several instances take turns. An applied script whose text has changed stops start-up: scripts are append-only.
/// </summary>
public sealed class SchemaMigrator(string connectionString)
{
    // Any fixed 64-bit number unique to this purpose: "HMmigr" in ASCII.
    private const long AdvisoryLockKey = 0x484D_6D69_6772;

    public static IReadOnlyList<MigrationScript> Scripts { get; } = LoadScripts();

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    text PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            var applied = await ReadJournalAsync(connection, cancellationToken);
            CheckJournalAgainstScripts(applied);

            var newlyApplied = new List<string>();
            foreach (var script in Scripts.Where(s => !applied.ContainsKey(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(script.Sql, connection, transaction))
                    await command.ExecuteNonQueryAsync(cancellationToken);
                await using (var journal = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction))
                {
                    journal.Parameters.Add(new() { Value = script.Version });
                    journal.Parameters.Add(new() { Value = script.Name });
                    journal.Parameters.Add(new() { Value = script.Checksum });
                    await journal.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                newlyApplied.Add(script.Name);
            }
            return newlyApplied;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static void CheckJournalAgainstScripts(Dictionary<string, (string Name, string Checksum)> applied)
    {
        foreach (var (version, (name, checksum)) in applied.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var script = Scripts.FirstOrDefault(s => s.Version == version);
            if (script is null)
                throw new SchemaMigrationException(
                    $"The database has migration {name} applied, but this version of the app does not have that script. " +
                    "A newer version of the app has probably used this database: run that version, or restore the script.");
            if (script.Checksum != checksum)
                throw new SchemaMigrationException(
                    $"Migration {script.Name} has changed since it was applied to this database " +
                    $"(checksum then {checksum}, now {script.Checksum}). Applied scripts must never be edited: " +
                    "put the edit back as it was and add the change as a new numbered script.");
        }
    }

    private static async Task<Dictionary<string, (string, string)>> ReadJournalAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, (string, string)>();
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            applied[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<MigrationScript> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = typeof(SchemaMigrator).Namespace + ".";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(resource =>
            {
                var name = resource[prefix.Length..];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
                return new MigrationScript(name.Split('_')[0], name, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version, StringComparer.Ordinal)
            .ToList();
    }
}
