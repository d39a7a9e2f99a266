using System.Net;
using Npgsql;

namespace RegistrationRush;

/// <summary>Command-line options, with environment variables as fallbacks for the three that name the target.</summary>
public sealed record Options(
    Uri BaseUrl, long EventId, long? WarmupEventId, string ConnectionString, int Registrants, int Concurrency, TimeSpan TimeLimit, bool BaselineOnly)
{
    public const string Usage = """
        usage: RegistrationRush --base-url URL --event-id ID --connection CONNSTRING
                                [--registrants N (1000)] [--concurrency C (50)] [--timeout-seconds S (300)]
                                [--warmup-event-id ID] [--baseline-only]
          --base-url    the running app, on this machine only (BENCH_BASE_URL), e.g. http://127.0.0.1:5090
          --event-id    a published event nobody has registered for yet (BENCH_EVENT_ID)
          --warmup-event-id  another published event: 2 x C registrations there first, not timed (without it: GETs only)
          --connection  Npgsql connection string of the app's database (BENCH_DB); the baseline table goes there too
          --baseline-only  measure only the raw-insert baseline (no app needed; --base-url and --event-id optional)
        """;

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var baselineOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--baseline-only") { baselineOnly = true; continue; }
            if (name is "-h" or "--help") throw new ArgumentException("help");
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"unexpected argument '{name}'");
            values[name[2..]] = args[++i];
        }

        string? Get(string name, string env) => values.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable(env);
        int Int(string name, int fallback, int min, int max)
        {
            if (!values.TryGetValue(name, out var text)) return fallback;
            if (!int.TryParse(text, out var value) || value < min || value > max)
                throw new ArgumentException($"--{name} must be a whole number from {min} to {max}, not '{text}'");
            return value;
        }

        var connection = Get("connection", "BENCH_DB") ?? throw new ArgumentException("--connection (or BENCH_DB) is required");
        var baseUrlText = Get("base-url", "BENCH_BASE_URL") ?? (baselineOnly ? "http://127.0.0.1/" : throw new ArgumentException("--base-url (or BENCH_BASE_URL) is required"));
        var eventIdText = Get("event-id", "BENCH_EVENT_ID") ?? (baselineOnly ? "0" : throw new ArgumentException("--event-id (or BENCH_EVENT_ID) is required"));

        if (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--base-url '{baseUrlText}' is not an http(s) URL");
        if (!IsThisMachine(baseUrl.Host))
            throw new ArgumentException($"--base-url must point at this machine (localhost or a loopback address), not '{baseUrl.Host}'");
        var dbHost = new NpgsqlConnectionStringBuilder(connection).Host ?? "";
        if (!dbHost.Split(',').All(h => h.StartsWith('/') || IsThisMachine(h)))
            throw new ArgumentException($"the database must be on this machine, not '{dbHost}'");
        if (!long.TryParse(eventIdText, out var eventId) || eventId < 0)
            throw new ArgumentException($"--event-id must be a number, not '{eventIdText}'");
        long? warmupEventId = null;
        if (values.TryGetValue("warmup-event-id", out var warmupText))
            warmupEventId = long.TryParse(warmupText, out var id) && id > 0 && id != eventId ? id
                : throw new ArgumentException($"--warmup-event-id must be the number of another event, not '{warmupText}'");

        return new Options(baseUrl, eventId, warmupEventId, connection,
            Registrants: Int("registrants", 1000, 1, 100_000),
            Concurrency: Int("concurrency", 50, 1, 1000),
            TimeLimit: TimeSpan.FromSeconds(Int("timeout-seconds", 300, 10, 3600)),
            BaselineOnly: baselineOnly);
    }

    private static bool IsThisMachine(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
