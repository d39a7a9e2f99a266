using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Events;

/// <summary>One event's public page. It never shows the joining link: that goes only to people with a place.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = HeartsMinds.Community.Platform.Web.PublicPageCache.EventPolicy)]
public sealed class DetailsModel(CommunityDb db, IPlaceCounter counter, IOptions<SiteOptions> site, TimeProvider clock) : PageModel
{
    public Event Event { get; private set; } = null!;
    public Availability Availability { get; private set; } = null!;
    public int PlacesLeft { get; private set; }
    public ConversationSpaceSeries? Series { get; private set; }
    public bool IsPast { get; private set; }

    /// <summary>Offered while the event is still to come and not cancelled.</summary>
    public AddToCalendarLinks? CalendarLinks { get; private set; }

    /// <summary>Signed-in staff looking at a draft before it's published (?preview=true from its staff page).</summary>
    public bool IsPreview { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, bool preview, CancellationToken cancellationToken)
    {
        // Only staff sign in, so a signed-in user asking for a preview may see a draft; everyone else gets a 404.
        var staffPreview = preview && User.Identity?.IsAuthenticated == true;
        var ev = await db.Events.AsNoTracking().Where(e => e.Status != EventStatus.Draft || staffPreview).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return NotFound();
        Event = ev;
        IsPreview = ev.Status == EventStatus.Draft;
        // A preview shows the page as it will be once published (the event is untracked: nothing is saved).
        if (IsPreview) ev.Status = EventStatus.Published;
        var now = clock.GetUtcNow();
        IsPast = ev.EndsAt <= now;
        PlacesLeft = (await counter.ForAsync(ev, cancellationToken)).Left;
        Availability = PublicEvents.AvailabilityOf(ev, PlacesLeft, now);
        if (!IsPast && ev.Status == EventStatus.Published && !IsPreview)
            CalendarLinks = AddToCalendarLinks.For(ev, site.Value.EventLink(ev.Id));
        if (ev.SeriesId is { } seriesId)
            Series = await db.ConversationSpaceSeries.AsNoTracking().SingleOrDefaultAsync(s => s.Id == seriesId && s.IsActive, cancellationToken);
        return Page();
    }
}
