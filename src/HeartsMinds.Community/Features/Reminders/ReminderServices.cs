using HeartsMinds.Community.Platform.Scheduling;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Reminders;

public static class ReminderServices
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>();
        services.AddScoped<ReminderSender>();
        services.AddRecurringJob<SendDueRemindersJob>(SendDueRemindersJob.Key,
            sp => sp.GetRequiredService<IOptions<ReminderOptions>>().Value.Cron);
        return services;
    }
}

/// <summary>Says every problem with the Reminders section at start-up, each in words that say what to change.</summary>
internal sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var problems = ReminderOptions.Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
