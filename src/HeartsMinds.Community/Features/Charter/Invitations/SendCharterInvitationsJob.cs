using Quartz;

namespace HeartsMinds.Community.Features.Charter.Invitations;

/// <summary>
/// Every minute, invites signatories to events that have opened for registration (a face-to-face event published,
/// a new Conversation Space session made by its series). A second run, or a run on another instance, finds the
/// invitations already written and sends nothing more.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SendCharterInvitationsJob(CharterInvitationSender sender, ILogger<SendCharterInvitationsJob> logger) : IJob
{
    public static readonly JobKey Key = new("send-charter-invitations", "charter");

    public async Task Execute(IJobExecutionContext context)
    {
        var emails = await sender.SendDueAsync(context.CancellationToken);
        if (emails > 0) logger.LogInformation("Sent event invitations to {Count} Charter signatories", emails);
    }
}
