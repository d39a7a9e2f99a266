using System.Runtime.CompilerServices;
using Quartz;
using Quartz.Spi;

namespace HeartsMinds.Community.Platform.Scheduling;

/// <summary>
/// Builds each job in a DI scope of its own (so it gets its own CommunityDb) and disposes the scope when Quartz
/// returns the job.
/// </summary>
internal sealed class ScopedJobFactory(IServiceScopeFactory scopes) : IJobFactory
{
    private readonly ConditionalWeakTable<IJob, IServiceScope> _scopes = new();

    public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler)
    {
        var scope = scopes.CreateScope();
        try
        {
            var job = (IJob)ActivatorUtilities.CreateInstance(scope.ServiceProvider, bundle.JobDetail.JobType);
            _scopes.Add(job, scope);
            return job;
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    public void ReturnJob(IJob job)
    {
        if (_scopes.TryGetValue(job, out var scope))
        {
            _scopes.Remove(job);
            scope.Dispose();
        }
    }
}
