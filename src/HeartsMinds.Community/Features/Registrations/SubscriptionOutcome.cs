using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

public abstract record SubscriptionOutcome
{
    /// <summary>Subscribed; <see cref="Sessions"/> lists what each open session gave (places or waitlist, or refusal).</summary>
    public sealed record Subscribed(SeriesSubscription Subscription, IReadOnlyList<(Event Session, RegistrationOutcome Outcome)> Sessions, bool Repeat) : SubscriptionOutcome;
    public sealed record NotFound : SubscriptionOutcome;
}
