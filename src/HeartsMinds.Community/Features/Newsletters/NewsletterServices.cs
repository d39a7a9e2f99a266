using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Scheduling;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Newsletters;

public static class NewsletterServices
{
    public static IServiceCollection AddNewsletters(this IServiceCollection services)
    {
        services.AddOptions<NewsletterOptions>().BindConfiguration(NewsletterOptions.Section)
            .Validate(o => o.Connections is >= 1 and <= 50, "Newsletters:Connections must be between 1 and 50.")
            .Validate(o => o.MessagesPerMinute >= 0, "Newsletters:MessagesPerMinute must be 0 (no cap) or more.")
            .Validate(o => o.BatchSize >= 1 && o.MaxAttempts >= 1, "Newsletters:BatchSize and Newsletters:MaxAttempts must be at least 1.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.RetryBaseDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay,
                "Newsletters:PollInterval and Newsletters:RetryBaseDelay must be positive, and Newsletters:RetryMaxDelay at least RetryBaseDelay.")
            .Validate<IOptions<MailOptions>>((o, mail) => o.LeaseLength >= mail.Value.Smtp.Timeout + NewsletterSender.LeaseSafetyMargin,
                $"Newsletters:LeaseLength must be at least Mail:Smtp:Timeout plus {NewsletterSender.LeaseSafetyMargin.TotalSeconds:0} seconds, or nothing could ever be sent.")
            .Validate(o => Quartz.CronExpression.IsValidExpression(o.StartSchedule), "Newsletters:StartSchedule must be a Quartz cron expression.")
            .ValidateOnStart();
        services.AddScoped<NewsletterBlocks>();
        services.AddScoped<NewsletterDesk>();
        services.AddScoped<NewsletterPreview>();
        services.AddSingleton<NewsletterSignal>();
        // One instance, both hosted and resolvable, so tests can drive the same sender a batch at a time.
        services.AddSingleton<NewsletterSender>();
        services.AddHostedService(sp => sp.GetRequiredService<NewsletterSender>());
        services.AddScoped<StartDueNewslettersJob>();
        services.AddRecurringJob<StartDueNewslettersJob>(StartDueNewslettersJob.Key,
            sp => sp.GetRequiredService<IOptions<NewsletterOptions>>().Value.StartSchedule);
        return services;
    }
}
