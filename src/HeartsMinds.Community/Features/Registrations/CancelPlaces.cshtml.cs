using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// The contact's "are you sure?" before places are given up (see <see cref="CancellationPageModel"/>). What to cancel
/// comes in the query string:
/// attendee=ID or all=true on a registration (<see cref="RegistrationCancellation"/>); session=EVENT_ID, member=ID or
/// leave=true on an every-session subscription (<see cref="SubscriptionCancellation"/>).
/// Cancelling frees the place, and the <see cref="RegistrationDesk"/> gives it to the first person waiting.
/// </summary>
[PrivatePage]
public sealed class CancelPlacesModel(CommunityDb db, RegistrationDesk desk, SubscriptionDesk subscriptions, IOptions<EverySessionOptions> everySession,
    TimeProvider clock) : CancellationPageModel
{
    [BindProperty(SupportsGet = true)] public long? Attendee { get; set; }
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true)] public long? Session { get; set; }
    [BindProperty(SupportsGet = true)] public long? Member { get; set; }
    [BindProperty(SupportsGet = true)] public bool Leave { get; set; }

    protected override string BackPage => "/Registrations/YourPlaces";

    protected override async Task<Cancellation?> ChooseAsync(string token, CancellationToken cancellationToken)
    {
        var (registration, subscription) = await PrivateLink.FindAsync(db, token, cancellationToken);
        var now = clock.GetUtcNow();
        if (registration is not null) return RegistrationCancellation.For(registration, Attendee, All, now, desk);
        if (subscription is null) return null;
        if (Session is { } sessionId) return await SubscriptionCancellation.SessionAsync(db, desk, subscription, sessionId, everySession.Value.PlacesTakenBefore, now, cancellationToken);
        if (Member is { } memberId) return SubscriptionCancellation.Member(subscriptions, subscription, memberId);
        return Leave ? SubscriptionCancellation.Leave(subscriptions, subscription) : null;
    }
}
