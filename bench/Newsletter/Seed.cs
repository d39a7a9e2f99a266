using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace NewsletterBench;

/// <summary>
/// N confirmed signatories who want the newsletter (reader-000001@newsletter-bench.example, ...), written by COPY, and
/// one newsletter scheduled for now, straight into the tables: the app's start job starts it and its senders send it,
/// so no staff sign-in is needed.
/// </summary>
public static class Seed
{
    public const string Domain = "newsletter-bench.example";

    public static string Address(int n) => $"reader-{n:D6}@{Domain}";

    public static async Task<int> RunAsync(string connectionString, int recipients)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        await using (var existing = new NpgsqlCommand("SELECT count(*) FROM charter_signatories", connection, transaction))
            if ((long)(await existing.ExecuteScalarAsync())! != 0)
                throw new ArgumentException("the database already has signatories: seed a fresh one, so the counts add up");

        var now = DateTimeOffset.UtcNow;
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY charter_signatories (organisation_name, contact_name, email, email_key, region, status, wants_newsletter,
                                      wants_invitations, listed_publicly, created_at, updated_at, confirmation_sent_at, confirmed_at)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var n = 1; n <= recipients; n++)
            {
                var email = Address(n);
                await copy.StartRowAsync();
                await copy.WriteAsync($"Bench Organisation {n}", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"Reader {n}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(email, NpgsqlDbType.Varchar);
                await copy.WriteAsync(email, NpgsqlDbType.Varchar);
                await copy.WriteAsync("London", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Confirmed", NpgsqlDbType.Varchar);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }

        long id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO newsletters (subject, preview_line, body_markdown, status, scheduled_for, recipients, created_at, updated_at, updated_by)
            VALUES ($1, $2, $3, 'Scheduled', now(), 0, now(), now(), 'bench@newsletter-bench.example')
            RETURNING id
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("Hearts and Minds: news from the community (benchmark)");
            insert.Parameters.AddWithValue("What we learned together this season, and what comes next.");
            insert.Parameters.AddWithValue(Body);
            id = (long)(await insert.ExecuteScalarAsync())!;
        }
        await transaction.CommitAsync();
        Console.WriteLine($"seed: {recipients} confirmed signatories wanting the newsletter; newsletter {id} scheduled for now " +
                          $"(body {Encoding.UTF8.GetByteCount(Body)} bytes of Markdown)");
        return 0;
    }

    /// <summary>About 3 KB of Markdown, the length of a real newsletter: headings, paragraphs, a list, links.</summary>
    private static readonly string Body = string.Join("\n\n", Enumerable.Range(1, 4).Select(section => $"""
        ## Section {section}: what we heard this season

        Thank you to everyone who came to the Conversation Space in **{(section % 2 == 0 ? "Leeds" : "London")}**. More than
        sixty people from schools, charities and the health service talked about how young people's mental health is
        supported in their communities, and what gets in the way. You can read the [full notes](https://example.org/notes/{section}).

        - Listening first, and asking young people what would help.
        - Making it easy to find the right support, without long waits.
        - Working together across organisations, not in silos.
        """));
}
