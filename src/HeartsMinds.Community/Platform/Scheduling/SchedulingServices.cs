using System.Collections.Specialized;
using HeartsMinds.Community.Platform.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;
using Quartz.Impl;

namespace HeartsMinds.Community.Platform.Scheduling;

/// <summary>Scheduling: how this instance takes part in the Quartz cluster.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Set false to run an instance that never runs jobs (it can still schedule them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each instance tells the cluster it is alive; a silent instance's jobs are recovered after this.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>How many jobs one instance runs at once.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How late a trigger may fire before it counts as misfired and its misfire instruction applies.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an idle instance looks for triggers due soon. Shorter means jobs start closer to their time.</summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(10);
}

public static class SchedulingServices
{
    /// <summary>
    /// Quartz core with the AdoJobStore on PostgreSQL, clustered: every instance shares the qrtz_ tables and a
    /// trigger fires on exactly one of them. Only the core Quartz package is available here, so the hosting
    /// (DI job factory, hosted service) is ours; see docs/decisions.
    /// </summary>
    public static IServiceCollection AddCommunityScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section);
        services.AddSingleton<ScopedJobFactory>();
        services.AddSingleton<IScheduler>(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SchedulingOptions>>().Value;
            return CreateScheduler(QuartzProperties(sp.GetRequiredService<CommunityConnectionString>().Value, options));
        });
        services.AddHostedService<SchedulerHost>();
        return services;
    }

    /// <summary>
    /// A job that runs on a cron schedule for the life of the app. Its trigger is (re)written at start-up, so a
    /// changed schedule takes effect on the next deploy; the cluster runs each firing once.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, JobKey key, string cronExpression,
        string timeZoneId = "Europe/London", bool runAtStartup = false) where TJob : IJob =>
        services.AddRecurringJob<TJob>(key, _ => cronExpression, timeZoneId, runAtStartup);

    /// <summary>As above, with the cron expression read when the scheduler starts (from options, so it can be configured).</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, JobKey key,
        Func<IServiceProvider, string> cronExpression, string timeZoneId = "Europe/London", bool runAtStartup = false) where TJob : IJob
    {
        services.AddSingleton(sp => new RecurringJob(key, typeof(TJob), cronExpression(sp), timeZoneId, runAtStartup));
        return services;
    }

    private static readonly Lock CreationLock = new();

    /// <summary>
    /// Quartz keeps schedulers in a process-wide registry by name, and every instance of a cluster must share the name.
    /// Each app host owns its scheduler through DI instead, so it is taken out of the registry at once; that lets
    /// several app instances live in one process (as the cluster tests need).
    /// </summary>
    private static IScheduler CreateScheduler(NameValueCollection properties)
    {
        lock (CreationLock)
        {
            var scheduler = new StdSchedulerFactory(properties).GetScheduler().GetAwaiter().GetResult();
            SchedulerRepository.Instance.Remove(scheduler.SchedulerName);
            return scheduler;
        }
    }

    internal static NameValueCollection QuartzProperties(string connectionString, SchedulingOptions options)
    {
        // Quartz registers data sources process-wide by name: a name of its own per host keeps each host on its
        // own database when several share a process. The name never leaves the process.
        var dataSource = "community_" + Guid.NewGuid().ToString("N");
        return new()
        {
            // Every instance of the app shares one scheduler name; instance ids are generated per process.
            ["quartz.scheduler.instanceName"] = "HeartsMindsCommunity",
            ["quartz.scheduler.instanceId"] = "AUTO",
            ["quartz.scheduler.idleWaitTime"] = ((long)options.IdleWaitTime.TotalMilliseconds).ToString(),
            ["quartz.threadPool.maxConcurrency"] = options.MaxConcurrency.ToString(),
            ["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz",
            ["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz",
            ["quartz.jobStore.tablePrefix"] = "qrtz_",
            ["quartz.jobStore.dataSource"] = dataSource,
            [$"quartz.dataSource.{dataSource}.provider"] = "Npgsql",
            [$"quartz.dataSource.{dataSource}.connectionString"] = connectionString,
            ["quartz.jobStore.clustered"] = "true",
            ["quartz.jobStore.clusterCheckinInterval"] = ((long)options.ClusterCheckinInterval.TotalMilliseconds).ToString(),
            ["quartz.jobStore.misfireThreshold"] = ((long)options.MisfireThreshold.TotalMilliseconds).ToString(),
            // Job data is kept as strings (a NameValueCollection), which our JSON serializer writes.
            ["quartz.jobStore.useProperties"] = "true",
            ["quartz.serializer.type"] = typeof(JsonObjectSerializer).AssemblyQualifiedName!,
        };
    }
}

/// <summary>A job that runs on a cron schedule for the life of the app (see AddRecurringJob).</summary>
public sealed record RecurringJob(JobKey Key, Type JobType, string CronExpression, string TimeZoneId, bool RunAtStartup);

/// <summary>Starts the clustered scheduler with the app and stops it, letting running jobs finish, on shutdown.</summary>
/// <remarks>
/// The scheduler is resolved in StartAsync, not the constructor: building it validates Quartz's tables, which exist
/// only once the migrations (an earlier hosted service) have run, and the host constructs every hosted service first.
/// </remarks>
internal sealed class SchedulerHost(
    IServiceProvider services, ScopedJobFactory jobFactory, IEnumerable<RecurringJob> recurringJobs,
    Microsoft.Extensions.Options.IOptions<SchedulingOptions> options) : IHostedService
{
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = _scheduler = services.GetRequiredService<IScheduler>();
        scheduler.JobFactory = jobFactory;
        foreach (var recurring in recurringJobs)
        {
            var job = JobBuilder.Create(recurring.JobType).WithIdentity(recurring.Key).StoreDurably().Build();
            var trigger = TriggerBuilder.Create().WithIdentity(recurring.Key.Name, recurring.Key.Group).ForJob(job)
                .WithCronSchedule(recurring.CronExpression, cron => cron
                    .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(recurring.TimeZoneId))
                    .WithMisfireHandlingInstructionFireAndProceed())
                .Build();
            await scheduler.ScheduleJob(job, [trigger], replace: true, cancellationToken);
            if (recurring.RunAtStartup)
                await scheduler.TriggerJob(recurring.Key, cancellationToken);
        }
        if (options.Value.Enabled)
            await scheduler.Start(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The one started here, if any: by the time a host stops, its service provider may already be going away.
        if (_scheduler is not null)
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
    }
}

internal sealed class SchedulerHealthCheck(IScheduler scheduler, Microsoft.Extensions.Options.IOptions<SchedulingOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled) return HealthCheckResult.Healthy("This instance does not run jobs (Scheduling:Enabled is false).");
        if (scheduler.IsShutdown) return HealthCheckResult.Unhealthy("The scheduler has shut down.");
        if (!scheduler.IsStarted || scheduler.InStandbyMode) return HealthCheckResult.Unhealthy("The scheduler is not running.");
        var metadata = await scheduler.GetMetaData(cancellationToken);
        return HealthCheckResult.Healthy($"Running as {metadata.SchedulerInstanceId}, clustered: {metadata.JobStoreClustered}.");
    }
}
