namespace HeartsMinds.Community.Features.Events;

/// <summary>
/// The invitations that go out when an event opens (the Charter's signatories are invited by email). The staff event
/// page shows how many and starts them on publishing, but the signatories belong to the Charter, which builds on
/// Events and Registrations. So Events owns this small question and the Charter answers it.
/// </summary>
public interface IEventInvitations
{
    /// <summary>How many were invited to this event.</summary>
    Task<int> InvitedAsync(long eventId, CancellationToken cancellationToken);

    /// <summary>Sends what is due now rather than at the next run of the job.</summary>
    Task SendNowAsync(CancellationToken cancellationToken);
}
