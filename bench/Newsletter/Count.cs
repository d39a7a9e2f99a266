using System.Globalization;

namespace NewsletterBench;

/// <summary>
/// What the sink received for one domain's recipients: delivered (unique recipients), duplicates (lines beyond the
/// first per recipient), lost (expected minus delivered), and whether every duplicate kept its first copy's Message-ID.
/// Recipients are checked against the seeded names too, so a stray address cannot make up for a lost one.
/// </summary>
public static class Count
{
    public static int Run(string logPath, int expect, string domain)
    {
        var suffix = "@" + domain;
        var byRecipient = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        long lines = 0, bytes = 0, malformed = 0;
        foreach (var line in File.ReadLines(logPath))
        {
            var fields = line.Split('\t');
            if (fields.Length < 2) { malformed++; continue; }
            if (!fields[0].EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            lines++;
            if (fields.Length >= 3 && long.TryParse(fields[2], out var size)) bytes += size;
            if (!byRecipient.TryGetValue(fields[0], out var ids)) byRecipient[fields[0]] = ids = [];
            ids.Add(fields[1]);
        }

        // The seeded recipients are known by name; another domain's (the baseline's) only by number.
        var seeded = domain.Equals(Seed.Domain, StringComparison.OrdinalIgnoreCase);
        var unexpected = seeded ? byRecipient.Keys.Count(r => !IsSeeded(r, expect)) : 0;
        var delivered = byRecipient.Count - unexpected;
        var lost = seeded ? Enumerable.Range(1, expect).Count(n => !byRecipient.ContainsKey(Seed.Address(n))) : Math.Max(0, expect - delivered);
        var duplicated = byRecipient.Where(r => r.Value.Count > 1).ToList();
        var duplicates = lines - byRecipient.Count;
        var changedId = duplicated.Count(r => r.Value.Distinct(StringComparer.Ordinal).Count() > 1);
        var average = lines > 0 ? bytes / lines : 0;

        Console.WriteLine($"count: {lines} lines for @{domain} in {logPath}: {delivered} recipients delivered of {expect} expected, " +
                          $"{lost} lost, {duplicates} duplicate copies to {duplicated.Count} recipients" +
                          (unexpected > 0 ? $", {unexpected} recipients that were never seeded" : "") +
                          (malformed > 0 ? $", {malformed} malformed lines" : ""));
        foreach (var (recipient, ids) in duplicated.Take(20))
            Console.WriteLine($"  duplicate: {recipient} x{ids.Count}, Message-ID {(ids.Distinct().Count() == 1 ? $"the same each time {ids[0]}" : $"DIFFERENT: {string.Join(" ", ids)}")}");
        Console.WriteLine($"COUNT delivered={delivered} duplicates={duplicates} lost={lost} unexpected={unexpected} " +
                          $"duplicates_with_changed_message_id={changedId} average_bytes={average}");
        return lost == 0 && duplicates == 0 && unexpected == 0 ? 0 : 1;
    }

    private static bool IsSeeded(string recipient, int expect) =>
        recipient.Length >= 13 && recipient.StartsWith("reader-", StringComparison.OrdinalIgnoreCase)
        && int.TryParse(recipient.AsSpan(7, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        && n >= 1 && n <= expect && string.Equals(recipient, Seed.Address(n), StringComparison.OrdinalIgnoreCase);
}
