using Quartz;

namespace HeartsMinds.Community.Features.Reminders;

/// <summary>Every minute (Reminders:Cron), on one instance of the cluster: sends the reminders that have come due.</summary>
[DisallowConcurrentExecution]
public sealed class SendDueRemindersJob(ReminderSender sender) : IJob
{
    public static readonly JobKey Key = new("send-due-reminders", "reminders");

    public Task Execute(IJobExecutionContext context) => sender.SendDueAsync(context.CancellationToken);
}
