using Microsoft.Extensions.Options;
using Quartz;

namespace HeartsMinds.Community.Platform.Scheduling;

public static class SchedulingServices
{
    /// <summary>
    /// Quartz with its own DI integration and hosted service, and the AdoJobStore on PostgreSQL, clustered: every
    /// instance shares the qrtz_ tables and a trigger fires on exactly one of them. Each job runs in a DI scope of
    /// its own (Quartz's job factory), so it gets its own CommunityDb.
    /// </summary>
    public static IServiceCollection AddCommunityScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section)
            .Validate(o => o.MaxConcurrency > 0, "Scheduling:MaxConcurrency must be at least 1.")
            .Validate(o => o.ClusterCheckinInterval > TimeSpan.Zero && o.IdleWaitTime > TimeSpan.Zero && o.MisfireThreshold > TimeSpan.Zero,
                "Scheduling:ClusterCheckinInterval, Scheduling:IdleWaitTime and Scheduling:MisfireThreshold must be positive.")
            .ValidateOnStart();

        services.AddQuartz(quartz =>
        {
            // Every instance of the app shares one scheduler name; instance ids are generated per process.
            // (The scheduler registry and data sources are per DI container, so several hosts can share a process.)
            quartz.SchedulerName = "HeartsMindsCommunity";
            quartz.SchedulerId = "AUTO";
            quartz.UsePersistentStore(store =>
            {
                // Job data is kept as strings (a NameValueCollection), which our JSON serializer writes.
                store.UseProperties = true;
                store.UseSerializer<JsonObjectSerializer>();
                // Looked up in ConnectionStrings when the scheduler is built, so hosts (tests) can still set it.
                store.UsePostgres(postgres =>
                {
                    postgres.ConnectionStringName = "Community";
                    postgres.TablePrefix = "qrtz_";
                });
                store.UseClustering();
            });
        });
        // Timings from Scheduling:*, read when the scheduler is built.
        services.AddOptions<QuartzOptions>().Configure<IOptions<SchedulingOptions>>((quartz, scheduling) =>
        {
            var options = scheduling.Value;
            quartz.MisfireThreshold = options.MisfireThreshold;
            quartz["quartz.scheduler.idleWaitTime"] = Milliseconds(options.IdleWaitTime);
            quartz["quartz.threadPool.maxConcurrency"] = options.MaxConcurrency.ToString();
            quartz["quartz.jobStore.clusterCheckinInterval"] = Milliseconds(options.ClusterCheckinInterval);
        });

        // Quartz's hosted service builds and starts the scheduler once the migrations (an earlier hosted service) have
        // made its tables, and on shutdown lets running jobs finish. It starts it during start-up rather than after,
        // so /health says "running" as soon as the app answers. An instance with Scheduling:Enabled false leaves it
        // out: it may still schedule jobs, which the other instances run.
        services.Configure<QuartzHostedServiceOptions>(hosting =>
        {
            hosting.WaitForJobsToComplete = true;
            hosting.AwaitApplicationStarted = false;
        });
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<IOptions<SchedulingOptions>>().Value.Enabled
            ? ActivatorUtilities.CreateInstance<QuartzHostedService>(sp)
            : new SchedulerNotRun());
        services.AddSingleton(sp => sp.GetRequiredService<ISchedulerFactory>().GetScheduler().GetAwaiter().GetResult());
        return services;
    }

    /// <summary>
    /// A job that runs on a cron schedule (in UK time unless said) for the life of the app. Its job and trigger are
    /// (re)written when the scheduler is built, so a changed schedule takes effect on the next deploy; the cluster
    /// runs each firing once. <paramref name="runAtStartup"/> adds a one-off firing each time an instance starts.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, JobKey key, string cronExpression,
        string timeZoneId = "Europe/London", bool runAtStartup = false) where TJob : IJob =>
        services.AddRecurringJob<TJob>(key, _ => cronExpression, timeZoneId, runAtStartup);

    /// <summary>As above, with the cron expression read when the scheduler is built (from options, so it can be configured).</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, JobKey key,
        Func<IServiceProvider, string> cronExpression, string timeZoneId = "Europe/London", bool runAtStartup = false) where TJob : IJob
    {
        services.AddOptions<QuartzOptions>().Configure<IServiceProvider>((quartz, sp) =>
        {
            quartz.AddJob<TJob>(job => job.WithIdentity(key).StoreDurably());
            quartz.AddTrigger(trigger => trigger.WithIdentity(key.Name, key.Group).ForJob(key)
                .WithCronSchedule(cronExpression(sp), cron => cron
                    .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId))
                    .WithMisfireHandlingInstructionFireAndProceed()));
            if (runAtStartup)
                quartz.AddTrigger(trigger => trigger.WithIdentity($"{key.Name}-at-start-up", key.Group).ForJob(key).StartNow());
        });
        return services;
    }

    private static string Milliseconds(TimeSpan value) => ((long)value.TotalMilliseconds).ToString();

    /// <summary>Stands in for Quartz's hosted service on an instance that does not run jobs.</summary>
    private sealed class SchedulerNotRun : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
