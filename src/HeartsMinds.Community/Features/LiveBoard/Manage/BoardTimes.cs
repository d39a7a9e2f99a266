using System.Globalization;
using HeartsMinds.Community.Features.Events;

namespace HeartsMinds.Community.Features.LiveBoard.Manage;

/// <summary>A board's own opening and closing times as staff type them: UK local date and time, empty for the default.</summary>
public static class BoardTimes
{
    /// <summary>What a datetime-local field sends ("2026-12-08T12:15"), and what people type where a browser offers a plain box.</summary>
    private static readonly string[] Formats =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "d/M/yyyy HH:mm", "d/M/yyyy H:mm"];

    /// <summary>The field's value for a stored time: empty for the default.</summary>
    public static string Field(DateTimeOffset? instant, string zoneId) =>
        instant is { } at ? EventTime.ToLocal(at, zoneId).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>The instant typed, or null for the default; <paramref name="problem"/> says why it can't be read.</summary>
    public static DateTimeOffset? Read(string? typed, string zoneId, out string? problem)
    {
        problem = null;
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (!DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            problem = "enter a date and time, like 2026-12-08 12:15, or leave it empty for the default";
            return null;
        }
        // Far-off years are typing mistakes, and years near 1 or 9999 can't be turned into an instant at all.
        if (local.Year is < 2000 or > 2100)
        {
            problem = "that date is too far away: check the year";
            return null;
        }
        return EventTime.ToInstant(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), zoneId);
    }
}
