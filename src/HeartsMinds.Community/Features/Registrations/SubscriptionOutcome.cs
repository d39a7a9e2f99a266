using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

public abstract record SubscriptionOutcome
{
    /// <summary>Subscribed now, or earlier by the same form submission.</summary>
    public sealed record Subscribed(SeriesSubscription Subscription, bool Repeat) : SubscriptionOutcome;
    public sealed record NotFound : SubscriptionOutcome;
}
