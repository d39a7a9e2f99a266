using Npgsql;

namespace RegistrationRush;

/// <summary>Checks before the rush: the event is there, published, empty, and its form answers.</summary>
public static class Preflight
{
    public sealed record Result(int Places, string? Error);

    public static async Task<Result> CheckAsync(Options options, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        await using var ev = new NpgsqlCommand("SELECT capacity, status FROM events WHERE id = $1", connection)
            { Parameters = { new() { Value = options.EventId } } };
        await using var reader = await ev.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return new(0, $"event {options.EventId} is not in the database");
        var places = reader.GetInt32(0);
        var status = reader.GetString(1);
        await reader.CloseAsync();
        if (status != "Published") return new(places, $"event {options.EventId} is {status}, not Published");

        await using var taken = new NpgsqlCommand("SELECT count(*) FROM attendees WHERE event_id = $1", connection)
            { Parameters = { new() { Value = options.EventId } } };
        var already = (long)(await taken.ExecuteScalarAsync(cancellationToken))!;
        if (already > 0)
            return new(places, $"event {options.EventId} already has {already} attendees: the counts would not add up. Use a fresh event.");

        var form = await Rush.GetFormAsync(options, cancellationToken);
        return form.Error is null ? new(places, null) : new(places, $"the register form is not usable: {form.Error}");
    }
}

/// <summary>What the database says after the rush.</summary>
public sealed record Counts(long Confirmed, long Waitlisted, long Other, long Registrations, long? LastConfirmedQueue, long? FirstWaitlistedQueue)
{
    public static async Task<Counts> ReadAsync(Options options, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        long confirmed = 0, waitlisted = 0, other = 0;
        await using (var byStatus = new NpgsqlCommand("SELECT status, count(*) FROM attendees WHERE event_id = $1 GROUP BY status", connection)
            { Parameters = { new() { Value = options.EventId } } })
        await using (var reader = await byStatus.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt64(1);
                switch (reader.GetString(0))
                {
                    case "Confirmed": confirmed = count; break;
                    case "Waitlisted": waitlisted = count; break;
                    default: other += count; break;
                }
            }
        }

        // Places go first come, first served: every confirmed attendee queued before every waitlisted one.
        await using var more = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM registrations WHERE event_id = $1),
                   (SELECT max(queue_position) FROM attendees WHERE event_id = $1 AND status = 'Confirmed'),
                   (SELECT min(queue_position) FROM attendees WHERE event_id = $1 AND status = 'Waitlisted')
            """, connection) { Parameters = { new() { Value = options.EventId } } };
        await using var row = await more.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        return new Counts(confirmed, waitlisted, other, row.GetInt64(0),
            row.IsDBNull(1) ? null : row.GetInt64(1), row.IsDBNull(2) ? null : row.GetInt64(2));
    }
}

/// <summary>The app's outbox of emails: each registration writes two. Read only to report on it and to settle after the warm-up.</summary>
public static class Outbox
{
    public static async Task<string> DescribeAsync(Options options, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(options.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (SELECT status, count(*) AS n FROM outbox_messages GROUP BY status) s",
                connection);
            return await command.ExecuteScalarAsync(cancellationToken) as string ?? "empty";
        }
        catch (PostgresException e) { return $"not readable ({e.SqlState})"; }
    }

    /// <summary>Waits until no email is pending (or the time is up), so the warm-up's emails do not spill into the rush.</summary>
    public static async Task<string> WaitUntilSentAsync(Options options, TimeSpan limit, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await using var connection = new NpgsqlConnection(options.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var pending = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE status = 'Pending'", connection);
            while (true)
            {
                var left = (long)(await pending.ExecuteScalarAsync(cancellationToken))!;
                if (left == 0) return $"empty after {waited.Elapsed.TotalSeconds:0.0} s";
                if (waited.Elapsed > limit) return $"still has {left} pending after {limit.TotalSeconds:0} s";
                await Task.Delay(250, cancellationToken);
            }
        }
        catch (PostgresException e) { return $"not readable ({e.SqlState})"; }
    }
}
