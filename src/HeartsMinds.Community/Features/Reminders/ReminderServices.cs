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
