using System.Text.RegularExpressions;
using Quartz;

namespace HeartsMinds.Community.Features.Reminders;

/// <summary>Reminders: emails to confirmed attendees before each event.</summary>
public sealed partial class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Set false to send no reminders at all (the job still runs, and does nothing).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the job looks for reminders that have come due (Quartz cron, UK time): the most a reminder can be late.</summary>
    public string Cron { get; set; } = "0 * * * * ?";

    /// <summary>
    /// Which reminders to send. The defaults live in appsettings.json, not here: configuration binds lists by
    /// index on top of what the code holds, so a default list here could never be shortened by configuration.
    /// </summary>
    public List<ReminderRule> Schedule { get; set; } = [];

    internal static IEnumerable<string> Problems(ReminderOptions options)
    {
        if (!CronExpression.IsValidExpression(options.Cron))
            yield return $"Reminders:Cron \"{options.Cron}\" is not a valid Quartz cron expression.";
        for (var i = 0; i < options.Schedule.Count; i++)
        {
            var rule = options.Schedule[i];
            if (string.IsNullOrWhiteSpace(rule.Key) || !KeyPattern().IsMatch(rule.Key))
                yield return $"Reminders:Schedule:{i}:Key must be 1 to 40 lower-case letters, digits or hyphens (like \"two-days\").";
            if (rule.Before <= TimeSpan.Zero)
                yield return $"Reminders:Schedule:{i}:Before must be more than zero (like 2.00:00:00 for two days).";
        }
        foreach (var duplicate in options.Schedule.GroupBy(r => r.Key).Where(g => g.Count() > 1))
            yield return $"Reminders:Schedule has the key \"{duplicate.Key}\" more than once: each reminder needs its own key.";
    }

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex KeyPattern();
}
