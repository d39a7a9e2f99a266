// The registration-rush benchmark (see bench/README.md): many people press Register at once for an event with fewer
// places than people. It drives the app's real HTML form over HTTP, antiforgery included, then checks in the database
// that nobody was overbooked, and measures raw PostgreSQL inserts in the same run as the baseline.
using System.Globalization;
using RegistrationRush;

Options options;
try { options = Options.Parse(args); }
catch (ArgumentException e)
{
    Console.Error.WriteLine($"registration-rush: {e.Message}");
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

var overall = new CancellationTokenSource(options.TimeLimit);
Console.WriteLine(options.BaselineOnly
    ? $"Registration rush, baseline only: {options.Registrants} inserts, concurrency {options.Concurrency}"
    : $"Registration rush: {options.Registrants} registrants, concurrency {options.Concurrency}, " +
      $"event {options.EventId} at {options.BaseUrl}, time limit {options.TimeLimit.TotalSeconds:0} s");

int places = 0;
Baseline.Result baseline;
try
{
    // Before anything is timed: the event exists, nobody is registered yet, the form answers with a token.
    if (!options.BaselineOnly)
    {
        var problem = await Preflight.CheckAsync(options, overall.Token);
        if (problem.Error is not null)
        {
            Console.Error.WriteLine($"registration-rush: {problem.Error}");
            return 2;
        }
        places = problem.Places;
        Console.WriteLine($"Event {options.EventId}: {places} places; the form answers with an antiforgery token.");
    }

    // The baseline comes before the app's warm-up: the app keeps the connections the warm-up opens, and both pools
    // full at once would need more than PostgreSQL's default 100 connections. Its pool is closed before the rush.
    baseline = await Baseline.RunAsync(options, overall.Token);
    overall.Token.ThrowIfCancellationRequested();
    PrintBaseline(baseline, options);

    if (!options.BaselineOnly)
    {
        Console.WriteLine();
        Console.WriteLine($"Warm-up (not timed): {await Rush.WarmUpAsync(options, overall.Token)}");
    }
}
catch (OperationCanceledException) when (overall.IsCancellationRequested)
{
    Console.Error.WriteLine($"registration-rush: the time limit ({options.TimeLimit.TotalSeconds:0} s) ran out before the rush began " +
                            "(preflight, warm-up or baseline): nothing was measured. Allow more with --timeout-seconds.");
    return 2;
}

if (options.BaselineOnly)
{
    Console.WriteLine();
    Console.WriteLine($"RESULT registration-rush-baseline errors={baseline.Failed} baseline_rate={Fmt(baseline.Rate)}");
    return baseline.Failed == 0 ? 0 : 3;
}

Console.WriteLine();
Console.WriteLine($"Rush: {options.Registrants} registrants, {options.Concurrency} at a time, each GET then POST of the form");
var cpuBefore = Environment.CpuUsage.TotalTime;
var rush = await Rush.RunAsync(options, overall.Token);
var harnessCpu = Environment.CpuUsage.TotalTime - cpuBefore;
var successes = rush.Outcomes.Count(o => o.Success);
var failures = rush.Outcomes.Where(o => !o.Success).GroupBy(o => o.Kind).OrderByDescending(g => g.Count()).ToList();
var errors = options.Registrants - successes;
var rate = successes / rush.Wall.TotalSeconds;
var ok = rush.Outcomes.Where(o => o.Success).ToList();

Console.WriteLine($"  all done in {rush.Wall.TotalSeconds:0.00} s (wall time, first GET to last answer)");
Console.WriteLine($"  registered (303 to /events/{options.EventId}/registered): {successes}");
Console.WriteLine($"  failed: {errors}");
foreach (var kind in failures)
{
    var said = kind.Select(o => o.Said).FirstOrDefault(t => !string.IsNullOrEmpty(t));
    Console.WriteLine($"    {kind.Key}: {kind.Count()}{(said is null ? "" : $" (the first said: {said})")}");
}
Console.WriteLine($"  rate: {Fmt(rate)} registrations/s");
Console.WriteLine($"  POST latency (successful):     {Stats.Describe(ok.Select(o => o.PostMs).ToList())}");
Console.WriteLine($"  GET+POST latency (successful): {Stats.Describe(ok.Select(o => o.PairMs).ToList())}");
Console.WriteLine($"  this harness used {harnessCpu.TotalSeconds:0.0} s of CPU during the rush ({100 * harnessCpu / rush.Wall:0}% of one core), on the same machine as the app");

// A POST that got no answer (time limit, timeout, dropped connection) may still have registered someone: give the
// server a moment, and allow for it when comparing with the database.
var unanswered = rush.Outcomes.Count(o => o.Unanswered);
if (unanswered > 0) await Task.Delay(TimeSpan.FromSeconds(2));
var counts = await Counts.ReadAsync(options, CancellationToken.None);
Console.WriteLine();
Console.WriteLine($"Database, event {options.EventId} ({places} places):");
Console.WriteLine($"  attendees confirmed {counts.Confirmed}, waitlisted {counts.Waitlisted}, other {counts.Other}; registrations {counts.Registrations}");
Console.WriteLine($"  outbox: {await Outbox.DescribeAsync(options, CancellationToken.None)} (the app's emails; sent after the rush is not counted)");

// With every POST answered, registrations = successes and these are exactly: confirmed = min(places, successes),
// waitlisted = successes - confirmed. Each registrant brings one attendee.
var registered = counts.Registrations;
var broken = new List<string>();
if (counts.Confirmed > places)
    broken.Add($"OVERBOOKED: {counts.Confirmed} confirmed for {places} places");
if (registered < successes || registered > successes + unanswered)
    broken.Add(unanswered == 0
        ? $"{registered} registrations in the database for {successes} successful POSTs"
        : $"{registered} registrations in the database for {successes} successful POSTs and {unanswered} unanswered ones");
if (counts.Confirmed != Math.Min(places, registered))
    broken.Add($"confirmed is {counts.Confirmed}, expected min(places {places}, registrations {registered}) = {Math.Min(places, registered)}");
if (counts.Waitlisted != registered - counts.Confirmed)
    broken.Add($"waitlisted is {counts.Waitlisted}, expected registrations - confirmed = {registered - counts.Confirmed}");
if (counts.Other != 0)
    broken.Add($"{counts.Other} attendees are neither confirmed nor waitlisted");
if (counts.LastConfirmedQueue is long last && counts.FirstWaitlistedQueue is long first && first < last)
    broken.Add("the waitlist is out of order: someone who asked later holds a place");
if (unanswered > 0)
    Console.WriteLine($"  note: {unanswered} POSTs got no answer, so the database may hold up to {unanswered} more registrations than succeeded");

if (broken.Count == 0)
{
    Console.WriteLine($"  invariant holds: confirmed = min(places, registrations) = {counts.Confirmed} <= {places} places (no overbooking), " +
                      $"waitlisted = registrations - confirmed = {counts.Waitlisted}, registrations {registered} for {successes} successful POSTs, " +
                      "places went first come, first served");
}
else
{
    var overbooked = counts.Confirmed > places;
    Console.WriteLine();
    Console.WriteLine(new string('!', 72));
    Console.WriteLine(overbooked ? "!!! OVERBOOKED !!!" : "!!! INVARIANT BROKEN: the counts do not add up !!!");
    foreach (var line in broken) Console.WriteLine($"!!! {line}");
    Console.WriteLine(new string('!', 72));
}

Console.WriteLine();
Console.WriteLine($"App rate / baseline rate: {(baseline.Rate > 0 ? (rate / baseline.Rate).ToString("0.000", CultureInfo.InvariantCulture) : "n/a")}");
Console.WriteLine($"RESULT registration-rush confirmed={counts.Confirmed} waitlisted={counts.Waitlisted} errors={errors} rate={Fmt(rate)} baseline_rate={Fmt(baseline.Rate)}");

// 1: the invariant is broken (the figure that matters most); 3: some registrants did not get through.
return broken.Count > 0 ? 1 : errors > 0 || baseline.Failed > 0 ? 3 : 0;

static string Fmt(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

static void PrintBaseline(Baseline.Result baseline, Options options)
{
    Console.WriteLine();
    Console.WriteLine($"Baseline: {options.Registrants} single-row INSERTs into bench_baseline over an Npgsql pool, concurrency {options.Concurrency}, " +
                      $"{Baseline.Rounds} rounds; the median rate counts");
    foreach (var (round, i) in baseline.Rounds.Select((r, i) => (r, i + 1)))
    {
        Console.WriteLine($"  round {i}: {round.Succeeded} inserted, {round.Failed} failed, in {round.Wall.TotalSeconds:0.00} s: " +
                          $"{Fmt(round.Rate)} inserts/s; latency {Stats.Describe(round.LatenciesMs)}");
        if (round.FirstError is not null) Console.WriteLine($"    first error: {round.FirstError}");
    }
    Console.WriteLine($"  baseline rate (median): {Fmt(baseline.Rate)} inserts/s");
}
