using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;

namespace HeartsMinds.Community.Features.Events;

/// <summary>
/// How an event's places look right now: a short <see cref="Label"/> for lists (with its tag class), the button to
/// offer (null when registration is not possible) and, when it isn't, a sentence that says why.
/// </summary>
public sealed record Availability(string Label, string TagClass, string? Action, string? ClosedReason)
{
    public bool CanRegister => Action is not null;
}
