using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// The confirmation after registering. Its address carries the form's random submission key, and it only opens for
/// an hour after the registration was made: it shows names and email addresses, so it must not stay open.
/// </summary>
[PrivatePage]
public sealed class RegisteredModel(CommunityDb db, TimeProvider clock) : PageModel
{
    public static readonly TimeSpan OpenFor = TimeSpan.FromHours(1);

    public Registration Registration { get; private set; } = null!;
    public Event Event => Registration.Event;
    public IReadOnlyList<Attendee> WithPlace { get; private set; } = [];

    /// <summary>The people on the waitlist, each with their place in the event's queue (1 is next to get a place).</summary>
    public IReadOnlyList<(Attendee Person, int Position)> Waiting { get; private set; } = [];

    public int Registered => WithPlace.Count + Waiting.Count;


    public async Task<IActionResult> OnGetAsync(long id, string? key, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(key, out var submissionKey)) return NotFound();
        var since = clock.GetUtcNow() - OpenFor;
        var registration = await db.Registrations.AsNoTracking()
            .Include(r => r.Event).Include(r => r.Attendees)
            .SingleOrDefaultAsync(r => r.EventId == id && r.SubmissionKey == submissionKey && r.SeriesSubscriptionId == null
                                       && r.CreatedAt >= since, cancellationToken);
        if (registration is null) return NotFound();
        Registration = registration;
        var people = registration.Attendees.OrderBy(a => a.QueuePosition).ToList();
        WithPlace = people.Where(a => a.Status == AttendeeStatus.Confirmed).ToList();
        var waiting = people.Where(a => a.Status == AttendeeStatus.Waitlisted).ToList();
        var positions = await WaitlistQueue.PositionsAsync(db, waiting, cancellationToken);
        Waiting = waiting.Select(a => (a, positions[a.Id])).ToList();
        return Page();
    }
}
