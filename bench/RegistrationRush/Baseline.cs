using System.Diagnostics;
using Npgsql;

namespace RegistrationRush;

/// <summary>
/// The same-run baseline: as many single-row INSERTs as there are registrants, at the same concurrency, each its own
/// transaction on a pooled connection. What PostgreSQL on this machine can do with no app in the way. A round takes
/// well under a second, so one stall of the disk would swing it: three rounds are run and the median rate is taken.
/// </summary>
public static class Baseline
{
    public const int Rounds = 3;

    public sealed record Round(int Succeeded, int Failed, TimeSpan Wall, List<double> LatenciesMs, string? FirstError)
    {
        public double Rate => Wall.TotalSeconds > 0 ? Succeeded / Wall.TotalSeconds : 0;
    }

    public sealed record Result(IReadOnlyList<Round> Rounds)
    {
        public double Rate => Rounds.Select(r => r.Rate).Order().ElementAt(Rounds.Count / 2);
        public int Failed => Rounds.Sum(r => r.Failed);
    }

    public static async Task<Result> RunAsync(Options options, CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            MaxPoolSize = Math.Max(options.Concurrency, 10),
            ApplicationName = "registration-rush baseline",
        }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        await using (var create = dataSource.CreateCommand("""
            DROP TABLE IF EXISTS bench_baseline;
            CREATE TABLE bench_baseline (
                id bigserial PRIMARY KEY,
                event_id bigint NOT NULL,
                email text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now())
            """))
            await create.ExecuteNonQueryAsync(cancellationToken);

        // Untimed first: opens the pool's connections and warms the insert path, as the app is warmed before the rush.
        await RunRoundAsync(dataSource, options with { Registrants = options.Concurrency * 2 }, round: -1, cancellationToken);

        var rounds = new List<Round>();
        for (var round = 0; round < Rounds; round++)
            rounds.Add(await RunRoundAsync(dataSource, options, round, cancellationToken));
        return new Result(rounds);
    }

    private static async Task<Round> RunRoundAsync(NpgsqlDataSource dataSource, Options options, int round, CancellationToken cancellationToken)
    {
        var latencies = new double[options.Registrants];
        var ok = new bool[options.Registrants];
        string? firstError = null;
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Registrants),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
            async (n, _) =>
            {
                if (cancellationToken.IsCancellationRequested) return;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await using var insert = dataSource.CreateCommand("INSERT INTO bench_baseline (event_id, email) VALUES ($1, $2)");
                    insert.Parameters.Add(new() { Value = options.EventId });
                    insert.Parameters.Add(new() { Value = $"baseline-{round}-{n:D6}@example.org" });
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    ok[n] = true;
                }
                catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
                {
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
                latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            });
        wall.Stop();

        var succeeded = ok.Count(x => x);
        return new Round(succeeded, options.Registrants - succeeded, wall.Elapsed,
            latencies.Where((_, n) => ok[n]).ToList(), firstError);
    }
}
