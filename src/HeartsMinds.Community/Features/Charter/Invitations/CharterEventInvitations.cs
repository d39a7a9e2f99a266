using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace HeartsMinds.Community.Features.Charter.Invitations;

/// <summary>The Charter's answer to <see cref="IEventInvitations"/>: its invitation rows, and its job, run now.</summary>
public sealed class CharterEventInvitations(CommunityDb db, IScheduler scheduler) : IEventInvitations
{
    public Task<int> InvitedAsync(long eventId, CancellationToken cancellationToken) =>
        db.CharterInvitations.CountAsync(i => i.EventId == eventId, cancellationToken);

    // Any instance in the cluster may run it; the job's unique key keeps it to one invitation each.
    public Task SendNowAsync(CancellationToken cancellationToken) => scheduler.TriggerJob(SendCharterInvitationsJob.Key, cancellationToken);
}
