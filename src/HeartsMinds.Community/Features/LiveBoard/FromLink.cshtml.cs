using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// /places/{token}/board: the live board from a person's own link (their invitation, reminder or own page). A
/// confirmed place gives them a pass for that event's board and takes them there. An every-session link goes to
/// the session whose board is open now, else the next one they have a place at (event=ID picks one).
/// </summary>
[PrivatePage]
public sealed class FromLinkModel(CommunityDb db, BoardDesk desk, BoardPass pass, TimeProvider clock) : CommunityPageModel
{
    [BindProperty(SupportsGet = true)] public long? Event { get; set; }

    public string Token { get; private set; } = "";
    public string Message { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        var (attendee, member) = await PrivateLink.FindPersonAsync(db, token, cancellationToken);
        if (attendee is null && member is null)
            return Explain(StatusCodes.Status404NotFound, "This link doesn't work. It may have been replaced by a newer one: use the link in your most recent email about this event.");

        var places = attendee is not null
            ? [attendee]
            : await db.Attendees.Include(a => a.Registration).ThenInclude(r => r.Event)
                .Where(a => a.Registration.SeriesSubscriptionId == member!.SubscriptionId && a.EmailKey == member.EmailKey
                            && a.Status == AttendeeStatus.Confirmed)
                .ToListAsync(cancellationToken);
        var place = Choose(places, clock.GetUtcNow());
        if (place is null)
            return Explain(StatusCodes.Status404NotFound, "You don't have a place at a session yet. The live board opens for people with a place, 15 minutes before the session starts.");
        if (place.Status != AttendeeStatus.Confirmed || place.Registration.Event.Status == EventStatus.Cancelled)
            return Explain(StatusCodes.Status403Forbidden, place.Registration.Event.Status == EventStatus.Cancelled
                ? "This event was cancelled, so it has no live board."
                : "The live board is for people with a place at the session. You don't have a place at this one at the moment.");

        var board = (await desk.FindAsync(place.EventId, cancellationToken))!;
        var participantId = await desk.JoinAsAttendeeAsync(board, place.Id, place.Name, place.Registration.OrganisationName, cancellationToken);
        pass.Give(Response, place.EventId, participantId);
        return SeeOther(Url.Page("/LiveBoard/Index", new { eventId = place.EventId })!);
    }

    /// <summary>The place asked for; else the one whose board is open now; else the next to come; else the latest.</summary>
    private Attendee? Choose(IReadOnlyList<Attendee> places, DateTimeOffset now)
    {
        if (Event is { } eventId) return places.FirstOrDefault(p => p.EventId == eventId);
        var byStart = places.OrderBy(p => p.Registration.Event.StartsAt).ToList();
        return byStart.FirstOrDefault(p => p.Registration.Event.StartsAt - Board.OpensBeforeStart <= now && now < p.Registration.Event.EndsAt + Board.ClosesAfterEnd)
               ?? byStart.FirstOrDefault(p => p.Registration.Event.StartsAt > now)
               ?? byStart.LastOrDefault();
    }

    private PageResult Explain(int status, string message)
    {
        Message = message;
        return PageWithStatus(status);
    }
}
