using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HeartsMinds.Community.Features.Events.Manage;

/// <summary>
/// Reading the dates, times, numbers and links typed into staff forms. Each reader adds a message that says what to
/// type instead, so a bad answer is a 400 with help, never an exception.
/// </summary>
public static class ManageForm
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // A date picker sends 2026-03-10; a browser without one sends what was typed, which in the UK is 10/03/2026.
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d/M/yy"];
    // A time picker sends 13:30; without one people type 13:30, 13.30 or 1:30pm.
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH:mm:ss", "H.mm", "HH.mm", "h:mmtt", "h:mm tt", "h.mmtt", "htt", "h tt"];
    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "d/M/yyyy HH:mm", "d/M/yyyy H:mm"];

    public static DateOnly? Date(ModelStateDictionary state, string key, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            state.AddModelError(key, $"Enter {what}");
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), DateFormats, Invariant, DateTimeStyles.None, out var date))
        {
            if (date.Year < 2100) return date;
            state.AddModelError(key, $"Enter {what} before the year 2100");
            return null;
        }
        state.AddModelError(key, $"Enter {what} as a real date, like 24/03/2026");
        return null;
    }

    public static TimeOnly? Time(ModelStateDictionary state, string key, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            state.AddModelError(key, $"Enter {what}");
            return null;
        }
        if (TimeOnly.TryParseExact(text.Trim(), TimeFormats, Invariant, DateTimeStyles.None, out var time)) return time;
        state.AddModelError(key, $"Enter {what} as a time of day, like 12:30 or 13:45");
        return null;
    }

    /// <summary>An optional local (UK) date and time, as an instant; null when left empty or not valid.</summary>
    public static DateTimeOffset? OptionalLocalDateTime(ModelStateDictionary state, string key, string? text, string what, string zoneId)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (LocalDateTime(text, zoneId) is { } instant) return instant;
        state.AddModelError(key, $"Enter {what} as a date and time, like 24/03/2026 09:00, or leave it empty");
        return null;
    }

    /// <summary>
    /// A local (UK) date and time as typed, as an instant; null when it can't be read, or its year is outside 2000 to
    /// 2100 (a typing mistake, and years near 1 or 9999 can't be made into an instant at all).
    /// </summary>
    public static DateTimeOffset? LocalDateTime(string text, string zoneId) =>
        DateTime.TryParseExact(text.Trim(), DateTimeFormats, Invariant, DateTimeStyles.None, out var local) && local.Year is >= 2000 and <= 2100
            ? EventTime.ToInstant(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), zoneId)
            : null;

    /// <summary>A web address people will open: absolute, http or https (or https only), no spaces.</summary>
    public static bool IsWebAddress(string? text, bool httpsOnly = false) =>
        !string.IsNullOrWhiteSpace(text) && !text.Any(char.IsWhiteSpace)
        && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0
        && (uri.Scheme == Uri.UriSchemeHttps || (!httpsOnly && uri.Scheme == Uri.UriSchemeHttp));

    /// <summary>
    /// A number box that held words (say "thirty") fails model binding with a technical message; this puts a plain
    /// one in its place.
    /// </summary>
    public static void ExplainBadNumbers(ModelStateDictionary state, params (string Key, string Message)[] fields)
    {
        foreach (var (key, message) in fields)
        {
            if (!state.TryGetValue(key, out var entry) || entry.Errors.Count == 0) continue;
            if (string.IsNullOrWhiteSpace(entry.AttemptedValue) || int.TryParse(entry.AttemptedValue, NumberStyles.Integer, Invariant, out _)) continue;
            entry.Errors.Clear();
            entry.Errors.Add(message);
        }
    }

    public static string DateValue(DateTimeOffset instant, string zoneId) => EventTime.ToLocal(instant, zoneId).ToString("yyyy-MM-dd", Invariant);
    public static string TimeValue(DateTimeOffset instant, string zoneId) => EventTime.ToLocal(instant, zoneId).ToString("HH:mm", Invariant);
    public static string? DateTimeValue(DateTimeOffset? instant, string zoneId) =>
        instant is null ? null : EventTime.ToLocal(instant.Value, zoneId).ToString("yyyy-MM-ddTHH:mm", Invariant);
}
