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
