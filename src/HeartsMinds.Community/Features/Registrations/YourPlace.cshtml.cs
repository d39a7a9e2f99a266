using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// A person's own private page (/places/{token}), from the link in their own emails: their place at one event, or
/// their part of an every-session registration, session by session. From it they can change their access (and
/// dietary) needs and free a place, without going through their organisation's contact.
/// </summary>
[PrivatePage]
public sealed class YourPlaceModel(CommunityDb db, IOptions<EverySessionOptions> everySession, TimeProvider clock)
    : CommunityPageModel
{
    public string Token { get; private set; } = "";

    /// <summary>Their place at one event (a link from a one-event registration's emails).</summary>
    public Attendee? Attendee { get; private set; }
    public int? WaitlistPosition { get; private set; }

    /// <summary>Their part of an every-session registration, with each upcoming session.</summary>
    public SeriesSubscriber? Member { get; private set; }
    public SeriesSubscription? Subscription { get; private set; }
    public IReadOnlyList<(SessionPlaces Session, MemberPlace Place)> Sessions { get; private set; } = [];

    [BindProperty] public NeedsInput Needs { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public DateTimeOffset Now { get; private set; }
    public Event? Event => Attendee?.Registration.Event;
    public bool AsksDietaryNeeds => Event?.AsksDietaryNeeds == true;
    public string Name => Attendee?.Name ?? Member!.Name;
    public string? AccessNeeds => Attendee?.AccessNeeds ?? Member?.AccessNeeds;

    /// <summary>Whether the place can still be changed: live, and the event still to come.</summary>
    public bool CanChange => Attendee is { Status: not AttendeeStatus.Cancelled } a && a.Registration.Event.EndsAt > Now
                             && a.Registration.Event.Status == EventStatus.Published
                             || Member is { LeftAt: null } && Subscription?.EndedAt is null;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ? Page() : LinkNotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return LinkNotFound();
        if (!CanChange) return PageWithStatus(StatusCodes.Status409Conflict);
        ModelState.Clear();
        Needs.Check(ModelState, "Your", AsksDietaryNeeds);
        if (!ModelState.IsValid) return BadRequestPage();

        var access = FormText.Tidy(Needs.AccessNeeds);
        if (Attendee is { } attendee)
        {
            attendee.AccessNeeds = access;
            if (AsksDietaryNeeds) attendee.DietaryNeeds = FormText.Tidy(Needs.DietaryNeeds);
        }
        else
        {
            // Their needs go with them to every session: the places already taken, and those to come.
            Member!.AccessNeeds = access;
            await db.Attendees.Where(a => a.Registration.SeriesSubscriptionId == Member.SubscriptionId && a.EmailKey == Member.EmailKey
                                          && a.Status != AttendeeStatus.Cancelled && a.Registration.Event.StartsAt > Now)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.AccessNeeds, access), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        Notice = "Saved: your needs are updated. Thank you for letting us know.";
        return SeeOther(Url.Page("/Registrations/YourPlace", new { token })!);
    }

    private PageResult LinkNotFound()
    {
        Attendee = null;
        Member = null;
        return PageWithStatus(StatusCodes.Status404NotFound);
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        (Attendee, Member) = await PrivateLink.FindPersonAsync(db, token, cancellationToken);
        Token = token;
        Now = clock.GetUtcNow();
        if (Attendee is { Status: AttendeeStatus.Waitlisted } waiting)
            WaitlistPosition = (await WaitlistQueue.PositionsAsync(db, [waiting], cancellationToken)).Of(waiting);
        if (Member is { } member)
        {
            Subscription = await db.SeriesSubscriptions.Include(s => s.Series).Include(s => s.Members)
                .SingleAsync(s => s.Id == member.SubscriptionId, cancellationToken);
            var sessions = await SessionPlaces.ForAsync(db, Subscription, everySession.Value.PlacesTakenBefore, Now, cancellationToken);
            Sessions = sessions.Select(s => (s, s.Members.Where(m => m.Member.Id == member.Id).Select(m => m.Place).FirstOrDefault(MemberPlace.NotRegistered)))
                .ToList();
        }
        return Attendee is not null || Member is not null;
    }
}
