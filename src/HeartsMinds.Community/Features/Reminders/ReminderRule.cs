using System.Text.RegularExpressions;
using Quartz;

namespace HeartsMinds.Community.Features.Reminders;

/// <summary>One reminder: sent <see cref="Before"/> the start of each event it applies to.</summary>
public sealed class ReminderRule
{
    /// <summary>
    /// Names the reminder in the record of what was sent ("two-days"). Changing it makes it a new reminder, sent
    /// again to everyone still inside its window.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>How long before the event's start the reminder is due.</summary>
    public TimeSpan Before { get; set; }

    /// <summary>Only for online sessions. Such a reminder is the short "starting soon" email with the joining link.</summary>
    public bool OnlineOnly { get; set; }

    public string Purpose => $"reminder-{Key}";
}
