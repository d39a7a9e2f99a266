using HeartsMinds.Community.Platform.Web;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HeartsMinds.Community.Features.Events.Manage;

/// <summary>The Conversation Space series form. Lengths match ConversationSpaceSeriesConfiguration; times are UK time.</summary>
public sealed class SeriesInput
{
    public const string Prefix = "Input";

    public static readonly string[] FieldOrder = [.. new[]
    {
        nameof(Title), nameof(Description), nameof(WeekOfMonth), nameof(DayOfWeek), nameof(StartTime), nameof(EndTime),
        nameof(Capacity), nameof(JoiningUrl), nameof(MonthsAhead), nameof(StartsOn),
    }.Select(f => $"{Prefix}.{f}")];

    public static readonly (int Value, string Text)[] Weeks = [(1, "First"), (2, "Second"), (3, "Third"), (4, "Fourth"), (-1, "Last")];

    public static readonly System.DayOfWeek[] Days =
        [System.DayOfWeek.Monday, System.DayOfWeek.Tuesday, System.DayOfWeek.Wednesday, System.DayOfWeek.Thursday, System.DayOfWeek.Friday, System.DayOfWeek.Saturday, System.DayOfWeek.Sunday];

    [Required(ErrorMessage = "Enter a title")]
    [StringLength(200, ErrorMessage = "The title can be at most 200 characters")]
    [Display(Name = "Title")]
    [SingleLine]
    public string? Title { get; set; } = "Conversation Space";

    [StringLength(20_000, ErrorMessage = "The description can be at most 20,000 characters")]
    [Display(Name = "Description")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Choose which week of the month")]
    [AllowedValues(1, 2, 3, 4, -1, ErrorMessage = "Choose first, second, third, fourth or last")]
    [Display(Name = "Week of the month")]
    public int? WeekOfMonth { get; set; } = 2;

    [Required(ErrorMessage = "Choose the day of the week")]
    [Display(Name = "Day")]
    public string? DayOfWeek { get; set; } = nameof(System.DayOfWeek.Tuesday);

    [Display(Name = "Start time")]
    public string? StartTime { get; set; } = "12:30";

    [Display(Name = "End time")]
    public string? EndTime { get; set; } = "14:00";

    [Required(ErrorMessage = "Enter the number of places in each session")]
    [Range(0, 10_000, ErrorMessage = "Places must be a whole number from 0 to 10,000")]
    [Display(Name = "Places in each session")]
    public int? Capacity { get; set; } = 30;

    [Required(ErrorMessage = "Enter the joining link")]
    [StringLength(2_000, ErrorMessage = "The joining link can be at most 2,000 characters")]
    [Display(Name = "Joining link")]
    [SingleLine]
    public string? JoiningUrl { get; set; }

    [Required(ErrorMessage = "Choose how many months ahead people can register")]
    [Range(1, 12, ErrorMessage = "Choose from 1 to 12 months ahead")]
    [Display(Name = "Months ahead")]
    public int? MonthsAhead { get; set; } = 3;

    public bool WaitlistEnabled { get; set; } = true;

    [Display(Name = "First date")]
    public string? StartsOn { get; set; }

    public bool IsActive { get; set; } = true;

    public static SeriesInput From(ConversationSpaceSeries series) => new()
    {
        Title = series.Title,
        Description = series.Description,
        WeekOfMonth = series.WeekOfMonth,
        DayOfWeek = series.DayOfWeek.ToString(),
        StartTime = EventTime.Clock(series.StartTime),
        EndTime = EventTime.Clock(series.EndTime),
        Capacity = series.Capacity,
        JoiningUrl = series.JoiningUrl,
        MonthsAhead = series.MonthsAhead,
        WaitlistEnabled = series.WaitlistEnabled,
        StartsOn = series.StartsOn.ToString("yyyy-MM-dd"),
        IsActive = series.IsActive,
    };

    public sealed record Pattern(DayOfWeek Day, TimeOnly Start, TimeOnly End, DateOnly StartsOn);

    /// <summary>The checks attributes can't make; the parsed day, times and first date when every answer is usable.</summary>
    public Pattern? Check(ModelStateDictionary state)
    {
        ManageForm.ExplainBadNumbers(state,
            (Key(nameof(Capacity)), "Enter the number of places as a number, like 30"),
            (Key(nameof(MonthsAhead)), "Choose from 1 to 12 months ahead"),
            (Key(nameof(WeekOfMonth)), "Choose first, second, third, fourth or last"));
        System.DayOfWeek? day = null;
        if (!string.IsNullOrWhiteSpace(DayOfWeek))
        {
            if (Enum.TryParse<System.DayOfWeek>(DayOfWeek, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(DayOfWeek, out _)) day = parsed;
            else state.AddModelError(Key(nameof(DayOfWeek)), "Choose a day of the week");
        }
        var start = ManageForm.Time(state, Key(nameof(StartTime)), StartTime, "the start time");
        var end = ManageForm.Time(state, Key(nameof(EndTime)), EndTime, "the end time");
        if (start is not null && end is not null && end <= start)
            state.AddModelError(Key(nameof(EndTime)), "The end time must be after the start time");
        if (!string.IsNullOrWhiteSpace(JoiningUrl) && !ManageForm.IsWebAddress(JoiningUrl.Trim(), httpsOnly: true))
            state.AddModelError(Key(nameof(JoiningUrl)), "Enter the joining link as a full web address starting with https://");
        var startsOn = ManageForm.Date(state, Key(nameof(StartsOn)), StartsOn, "the first date sessions can be on");
        return state.IsValid ? new Pattern(day!.Value, start!.Value, end!.Value, startsOn!.Value) : null;
    }

    public void ApplyTo(ConversationSpaceSeries series, Pattern pattern)
    {
        series.Title = Title!.Trim();
        series.Description = Description?.Trim() ?? "";
        series.WeekOfMonth = WeekOfMonth!.Value;
        series.DayOfWeek = pattern.Day;
        series.StartTime = pattern.Start;
        series.EndTime = pattern.End;
        series.TimeZoneId = EventTime.UkZoneId;
        series.Capacity = Capacity!.Value;
        series.JoiningUrl = JoiningUrl!.Trim();
        series.MonthsAhead = MonthsAhead!.Value;
        series.WaitlistEnabled = WaitlistEnabled;
        series.StartsOn = pattern.StartsOn;
        series.IsActive = IsActive;
    }

    private static string Key(string field) => $"{Prefix}.{field}";
}
