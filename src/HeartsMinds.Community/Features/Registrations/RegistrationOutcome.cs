using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;

namespace HeartsMinds.Community.Features.Registrations;

public abstract record RegistrationOutcome
{
    /// <summary>Registered now, or earlier by the same form submission (a double-click or a resubmitted form).</summary>
    public sealed record Registered(Registration Registration, bool Repeat) : RegistrationOutcome;

    /// <summary>Some of these people already have a live registration for the event; its manage link was sent again.</summary>
    public sealed record AlreadyRegistered(IReadOnlyList<string> Emails) : RegistrationOutcome;

    public sealed record Refused(string Reason) : RegistrationOutcome;

    public sealed record NotFound : RegistrationOutcome;
}
