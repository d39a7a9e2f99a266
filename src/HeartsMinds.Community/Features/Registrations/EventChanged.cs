using HeartsMinds.Community.Features.Events;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>What <see cref="RegistrationDesk.ChangeEventAsync"/> did, for the staff member's notice.</summary>
/// <param name="WhatChanged">"the time has changed ...", when something people rely on changed; null otherwise.</param>
/// <param name="ConfirmedBefore">People with a place before the change.</param>
/// <param name="ConfirmedAfter">People with a place after it (more when raised places promoted people waiting).</param>
/// <param name="Told">People with a place who were emailed an update.</param>
public sealed record EventChanged(Event Event, string? WhatChanged, int ConfirmedBefore, int ConfirmedAfter, int Told)
{
    /// <summary>For the staff notice, when people were told (only of a published event whose calendar changed).</summary>
    public string? ToldNotice => Told > 0 ? $"Everyone with a place has been emailed, with an update for their calendar: {WhatChanged}." : null;
}
