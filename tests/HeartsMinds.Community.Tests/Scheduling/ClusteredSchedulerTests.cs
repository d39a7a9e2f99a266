using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace HeartsMinds.Community.Tests.Scheduling;

/// <summary>Records each run in a table, through a CommunityDb-scoped service, so tests can count runs.</summary>
[DisallowConcurrentExecution]
public sealed class RecordRunJob(CommunityConnectionString connectionString) : IJob
{
    public async Task Execute(IJobExecutionContext context)
    {
        await using var connection = new NpgsqlConnection(connectionString.Value);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO test_job_runs (run_key, instance_id) VALUES ($1, $2)", connection);
        command.Parameters.Add(new() { Value = context.MergedJobDataMap.GetString("key")! });
        command.Parameters.Add(new() { Value = context.Scheduler.SchedulerInstanceId });
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class ClusteredSchedulerTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        await ExecuteAsync("CREATE TABLE test_job_runs (run_key text NOT NULL, instance_id text NOT NULL, ran_at timestamptz NOT NULL DEFAULT now())");
    }

    public Task DisposeAsync() => TestDatabases.DropAsync(_database);

    [Fact]
    public async Task A_job_scheduled_while_two_instances_share_the_database_runs_exactly_once()
    {
        await using var first = CommunityAppFactory.ForDatabase(_database);
        await using var second = CommunityAppFactory.ForDatabase(_database);
        var scheduler = first.Services.GetRequiredService<IScheduler>();
        Assert.NotSame(scheduler, second.Services.GetRequiredService<IScheduler>());
        Assert.True((await scheduler.GetMetaData()).JobStoreClustered);

        const int jobs = 30;
        for (var i = 0; i < jobs; i++)
            await scheduler.ScheduleJob(
                JobBuilder.Create<RecordRunJob>().WithIdentity($"run-{i}").UsingJobData("key", $"run-{i}").Build(),
                TriggerBuilder.Create().StartAt(DateTimeOffset.UtcNow.AddSeconds(2)).Build());

        await WaitUntilAsync(async () => await CountAsync("SELECT count(*) FROM test_job_runs") >= jobs, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(4)); // long enough for a duplicate run to show up, were there one

        Assert.Equal(jobs, await CountAsync("SELECT count(*) FROM test_job_runs"));
        Assert.Equal(jobs, await CountAsync("SELECT count(DISTINCT run_key) FROM test_job_runs"));
    }

    [Fact]
    public async Task A_job_scheduled_before_a_restart_still_runs_after_it()
    {
        await using (var before = CommunityAppFactory.ForDatabase(_database))
        {
            await before.Services.GetRequiredService<IScheduler>().ScheduleJob(
                JobBuilder.Create<RecordRunJob>().WithIdentity("after-restart").UsingJobData("key", "after-restart").Build(),
                TriggerBuilder.Create().StartAt(DateTimeOffset.UtcNow.AddSeconds(5)).Build());
        } // the only instance stops before the trigger is due

        Assert.Equal(0, await CountAsync("SELECT count(*) FROM test_job_runs"));

        await using var after = CommunityAppFactory.ForDatabase(_database);
        _ = after.Services; // start it
        await WaitUntilAsync(async () => await CountAsync("SELECT count(*) FROM test_job_runs") >= 1, TimeSpan.FromSeconds(60));

        Assert.Equal(1, await CountAsync("SELECT count(*) FROM test_job_runs WHERE run_key = 'after-restart'"));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Condition not met within {timeout}.");
            await Task.Delay(200);
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
