using System.Globalization;

namespace RegistrationRush;

public static class Stats
{
    /// <summary>Nearest-rank percentile of the values (0 when there are none).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Describe(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0) return "no samples";
        var sorted = milliseconds.Order().ToList();
        string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        return $"p50 {Ms(Percentile(sorted, 50))} ms, p99 {Ms(Percentile(sorted, 99))} ms, max {Ms(sorted[^1])} ms ({sorted.Count} samples)";
    }
}
