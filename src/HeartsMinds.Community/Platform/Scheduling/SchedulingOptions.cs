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
