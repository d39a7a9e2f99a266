using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// "Are you sure?" before a place is given up, as a page of its own so that it works without JavaScript:
/// GET asks, POST does it and goes back to the private page. What to cancel comes in the query string:
/// attendee=ID or all=true on a registration (<see cref="RegistrationCancellation"/>); session=EVENT_ID, member=ID or
/// leave=true on an every-session subscription (<see cref="SubscriptionCancellation"/>).
/// Cancelling frees the place, and the <see cref="RegistrationDesk"/> gives it to the first person waiting.
/// </summary>
[PrivatePage]
public sealed class CancelPlacesModel(CommunityDb db, RegistrationDesk desk, SubscriptionDesk subscriptions, IOptions<EverySessionOptions> everySession,
    TimeProvider clock)
    : CommunityPageModel
{
    [BindProperty(SupportsGet = true)] public long? Attendee { get; set; }
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true)] public long? Session { get; set; }
    [BindProperty(SupportsGet = true)] public long? Member { get; set; }
    [BindProperty(SupportsGet = true)] public bool Leave { get; set; }

    public string Token { get; private set; } = "";
    public Cancellation Cancellation { get; private set; } = null!;

    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (await ChooseAsync(token, cancellationToken) is not { } cancellation) return NotFound();
        Cancellation = cancellation;
        return cancellation.AlreadyDone is { } notice ? BackToYourPlaces(notice) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (await ChooseAsync(token, cancellationToken) is not { } cancellation) return NotFound();
        return BackToYourPlaces(cancellation.AlreadyDone ?? await cancellation.ConfirmAsync(cancellationToken));
    }

    /// <summary>What this link and query ask to cancel; null when it isn't on this registration.</summary>
    private async Task<Cancellation?> ChooseAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        var (registration, subscription) = await PrivateLink.FindAsync(db, token, cancellationToken);
        var now = clock.GetUtcNow();
        if (registration is not null) return RegistrationCancellation.For(registration, Attendee, All, now, desk);
        if (subscription is null) return null;
        if (Session is { } sessionId) return await SubscriptionCancellation.SessionAsync(db, desk, subscription, sessionId, everySession.Value.PlacesTakenBefore, now, cancellationToken);
        if (Member is { } memberId) return SubscriptionCancellation.Member(subscriptions, subscription, memberId);
        return Leave ? SubscriptionCancellation.Leave(subscriptions, subscription) : null;
    }

    private StatusCodeResult BackToYourPlaces(string notice)
    {
        Notice = notice;
        return SeeOther(Url.Page("/Registrations/YourPlaces", new { token = Token })!);
    }
}
