using System.Globalization;

namespace HeartsMinds.Community.Features.Events;

/// <summary>"The second Tuesday of the month" and friends.</summary>
public static class MonthlyPattern
{
    private static readonly string[] Ordinals = ["first", "second", "third", "fourth"];

    public static string Describe(int weekOfMonth, DayOfWeek day)
    {
        var which = weekOfMonth == -1 ? "Last" : Capitalise(Ordinals[weekOfMonth - 1]);
        return $"{which} {day}";
    }

    /// <summary>The date in that month that matches the pattern.</summary>
    public static DateOnly DateIn(int year, int month, int weekOfMonth, DayOfWeek day)
    {
        if (weekOfMonth == -1)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
        }
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)day - (int)first.DayOfWeek + 7) % 7 + 7 * (weekOfMonth - 1));
    }

    /// <summary>Every matching date from <paramref name="from"/> up to and including <paramref name="until"/>.</summary>
    public static IEnumerable<DateOnly> Dates(int weekOfMonth, DayOfWeek day, DateOnly from, DateOnly until)
    {
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= until; month = month.AddMonths(1))
        {
            var date = DateIn(month.Year, month.Month, weekOfMonth, day);
            if (date >= from && date <= until) yield return date;
        }
    }

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
