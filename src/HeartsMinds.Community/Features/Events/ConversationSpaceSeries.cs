using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Events;

/// <summary>
/// The monthly online Conversation Space: a pattern ("second Tuesday, 12:30 to 14:00 UK time") from which sessions
/// are made as real <see cref="Event"/> rows for the months ahead. Recurrence is worked out in local time, so
/// 12:30 stays 12:30 across the clock change.
/// </summary>
public sealed class ConversationSpaceSeries
{
    public long Id { get; set; }

    /// <summary>The calendar UID of the series as one recurring entry.</summary>
    public Guid Uid { get; set; } = Guid.NewGuid();
    public int Sequence { get; set; }

    public string Title { get; set; } = "Conversation Space";
    public string Description { get; set; } = "";

    /// <summary>Which week of the month: 1 to 4, or -1 for the last.</summary>
    public int WeekOfMonth { get; set; } = 2;
    public DayOfWeek DayOfWeek { get; set; } = DayOfWeek.Tuesday;
    public TimeOnly StartTime { get; set; } = new(12, 30);
    public TimeOnly EndTime { get; set; } = new(14, 0);
    public string TimeZoneId { get; set; } = EventTime.UkZoneId;

    /// <summary>The first date sessions may fall on.</summary>
    public DateOnly StartsOn { get; set; }

    public int Capacity { get; set; } = 30;
    public bool WaitlistEnabled { get; set; } = true;

    /// <summary>Private: copied to each session, shown only to confirmed attendees.</summary>
    public string JoiningUrl { get; set; } = "";

    /// <summary>How many months ahead sessions exist and are open for registration.</summary>
    public int MonthsAhead { get; set; } = 3;

    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether a date is one the pattern gives ("the second Tuesday" of its month).</summary>
    public bool IsOnPattern(DateOnly date) => MonthlyPattern.DateIn(date.Year, date.Month, WeekOfMonth, DayOfWeek) == date;

    /// <summary>The first date of the pattern on or after <paramref name="from"/>.</summary>
    public DateOnly FirstDateFrom(DateOnly from)
    {
        var date = MonthlyPattern.DateIn(from.Year, from.Month, WeekOfMonth, DayOfWeek);
        var next = from.AddMonths(1);
        return date >= from ? date : MonthlyPattern.DateIn(next.Year, next.Month, WeekOfMonth, DayOfWeek);
    }

    /// <summary>"Second Tuesday of every month, 12:30 to 14:00 (UK time)".</summary>
    public string PatternDescription =>
        $"{MonthlyPattern.Describe(WeekOfMonth, DayOfWeek)} of every month, {EventTime.Clock(StartTime)} to {EventTime.Clock(EndTime)} (UK time)";
}
