using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HeartsMinds.Community.Tests.Platform;

/// <summary>
/// The schema comes from hand-written SQL scripts and the code from the EF model: this proves they agree,
/// table by table: columns (type, nullability), primary keys, foreign keys and indexes.
/// </summary>
public sealed class SchemaTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task The_EF_model_and_the_migrated_schema_agree()
    {
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<CommunityDb>().GetService<IDesignTimeModel>().Model;

        var expected = Describe(model);
        var actual = await DescribeDatabaseAsync(app.ConnectionString, expected.Select(l => l.Split(' ')[1]).Distinct().ToList());

        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_table_in_the_database_is_in_the_model_or_is_known_infrastructure()
    {
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<CommunityDb>().Model;
        var modelTables = model.GetEntityTypes().Select(e => e.GetTableName()).ToHashSet();

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var unknown = new List<string>();
        while (await reader.ReadAsync())
        {
            var table = reader.GetString(0);
            if (!modelTables.Contains(table) && table != "schema_migrations" && !table.StartsWith("qrtz_")) unknown.Add(table);
        }
        Assert.Empty(unknown);
    }

    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
                lines.Add($"column {table}.{property.GetColumnName(store)} {Normalise(property.GetColumnType())} {(property.IsColumnNullable(store) ? "null" : "not null")}");
            var primaryKey = entity.FindPrimaryKey()!;
            lines.Add($"pk {table} ({string.Join(",", primaryKey.Properties.Select(p => p.GetColumnName(store)))})");
            foreach (var foreignKey in entity.GetForeignKeys())
                lines.Add($"fk {table} ({string.Join(",", foreignKey.Properties.Select(p => p.GetColumnName(store)))}) -> " +
                          $"{foreignKey.PrincipalEntityType.GetTableName()} {foreignKey.DeleteBehavior switch { DeleteBehavior.Cascade => "cascade", DeleteBehavior.SetNull => "set null", _ => "no action" }}");
            foreach (var index in entity.GetIndexes())
                lines.Add($"index {table} {index.GetDatabaseName()} ({string.Join(",", index.Properties.Select(p => p.GetColumnName(store)))}){(index.IsUnique ? " unique" : "")}{(index.GetFilter() is { } f ? " where " + NormaliseSql(f) : "")}");
        }
        return lines;
    }

    private static async Task<List<string>> DescribeDatabaseAsync(string connectionString, IReadOnlyList<string> tables)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();

        await foreach (var row in QueryAsync(connection, """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname = ANY($1)
            """, tables))
            lines.Add($"column {row[0]}.{row[1]} {Normalise((string)row[2])} {((bool)row[3] ? "not null" : "null")}");

        await foreach (var row in QueryAsync(connection, """
            SELECT c.relname, con.contype::text,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
                   coalesce(ref.relname, ''), con.confdeltype::text
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid LEFT JOIN pg_class ref ON ref.oid = con.confrelid
            WHERE con.contype IN ('p', 'f') AND c.relname = ANY($1)
            """, tables))
            lines.Add((string)row[1] == "p"
                ? $"pk {row[0]} ({row[2]})"
                : $"fk {row[0]} ({row[2]}) -> {row[3]} {(string)row[4] switch { "c" => "cascade", "n" => "set null", _ => "no action" }}");

        await foreach (var row in QueryAsync(connection, """
            SELECT t.relname, i.relname,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum),
                   ix.indisunique, pg_get_expr(ix.indpred, ix.indrelid)
            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
            WHERE NOT ix.indisprimary AND t.relname = ANY($1)
            """, tables))
            lines.Add($"index {row[0]} {row[1]} ({row[2]}){((bool)row[3] ? " unique" : "")}{(row[4] is string f ? " where " + NormaliseSql(f) : "")}");

        return lines;
    }

    private static async IAsyncEnumerable<object[]> QueryAsync(NpgsqlConnection connection, string sql, IReadOnlyList<string> tables)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = tables.ToArray() });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            yield return values.Select(v => v is DBNull ? null! : v).ToArray();
        }
    }

    /// <summary>PostgreSQL gives back a filter with casts and brackets added: compare without them.</summary>
    private static string NormaliseSql(string sql) =>
        System.Text.RegularExpressions.Regex.Replace(sql.Replace("::text", "").Replace("::character varying", ""), @"[()\s]", "");

    /// <summary>EF and PostgreSQL spell some types differently; this is the same type either way.</summary>
    private static string Normalise(string type) => type.ToLowerInvariant() switch
    {
        "timestamptz" => "timestamp with time zone",
        "varchar" => "character varying",
        "int4" or "int" => "integer",
        "int8" => "bigint",
        "bool" => "boolean",
        var other => other,
    };
}
