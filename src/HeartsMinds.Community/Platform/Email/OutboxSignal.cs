using HeartsMinds.Community.Platform.Scheduling;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// Wakes this instance's dispatcher after a feature has committed an <see cref="OutboxMessage"/>, so the email goes
/// now rather than at the next poll.
/// </summary>
public sealed class OutboxSignal : WakeSignal;
