using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// The private page behind the link in the contact's email (/registrations/{token}). For one registration: who is
/// coming and their places, the joining link when someone has a place, add people, change access needs, and links to
/// cancel. For an every-session subscription: the people, every upcoming session with their places, and links to drop
/// a session, stop registering someone, or stop altogether. Cancelling happens on <see cref="CancelPlacesModel"/>,
/// which asks first.
/// </summary>
[PrivatePage]
public sealed class YourPlacesModel(CommunityDb db, RegistrationDesk desk, PrivateCalendarFeed calendarFeed, TimeProvider clock,
    IOptions<SiteOptions> site) : AttendeeRowsPageModel
{
    public string Token { get; private set; } = "";
    public Registration? Registration { get; private set; }
    public SeriesSubscription? Subscription { get; private set; }
    public DateTimeOffset Now { get; private set; }

    /// <summary>People still coming or waiting, in the order they were registered.</summary>
    public IReadOnlyList<Attendee> People { get; private set; } = [];
    public IReadOnlyList<Attendee> CancelledPeople { get; private set; } = [];
    public IReadOnlyList<SessionPlaces> Sessions { get; private set; } = [];
    public Availability? Availability { get; private set; }

    /// <summary>One person's access and dietary needs, from the small form beside their name.</summary>
    [BindProperty] public NeedsInput Needs { get; set; } = new();

    /// <summary>The person whose needs form failed validation, so it opens with its message.</summary>
    public long? NeedsFormWithErrors { get; private set; }

    [TempData] public string? Notice { get; set; }

    /// <summary>The private calendar feed address, shown once, just after it was made (only its hash is kept).</summary>
    [TempData] public string? PrivateFeedUrl { get; set; }

    public sealed class NeedsInput
    {
        public string? AccessNeeds { get; set; }
        public string? DietaryNeeds { get; set; }
    }

    public string PageUrl => PrivateLink.PathFor(Token);
    public Event Event => Registration!.Event;

    /// <summary>The joining link is for people with a place only: shown when at least one person here has one.</summary>
    public bool ShowsJoiningLink =>
        Registration is { } r && r.Event.IsOnline && !string.IsNullOrWhiteSpace(r.Event.JoiningUrl)
        && r.Event.Status == EventStatus.Published && r.Event.EndsAt > Now
        && People.Any(a => a.Status == AttendeeStatus.Confirmed);

    public IEnumerable<string> FieldOrder => Rows.FieldOrder().Concat(["Needs.AccessNeeds", "Needs.DietaryNeeds"]);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return LinkNotFound();
        return ShowPage();
    }

    public async Task<IActionResult> OnPostAddPeopleAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken) || Registration is null) return LinkNotFound();
        if (Availability?.CanRegister != true) return ShowPage(StatusCodes.Status409Conflict);

        FormRules.Validate(Input, ModelState, Event.AsksDietaryNeeds, peopleOnly: true);
        if (!ModelState.IsValid) return ShowPage(StatusCodes.Status400BadRequest);

        var outcome = await desk.AddAttendeesAsync(Registration.Id, Input.ToDetails(Event.AsksDietaryNeeds), cancellationToken);
        if (outcome is RegistrationOutcome.Refused refused)
        {
            ModelState.AddModelError(string.Empty, refused.Reason);
            await LoadAsync(token, cancellationToken);
            return ShowPage(StatusCodes.Status409Conflict);
        }
        if (outcome is not RegistrationOutcome.Registered) return LinkNotFound();

        var added = await AfterChangeAsync(token, cancellationToken);
        var names = Input.Attendees.Select(a => a.Email!.Trim()).Select(Attendee.KeyOf).ToHashSet();
        var newPeople = added.Where(a => names.Contains(a.EmailKey)).ToList();
        Notice = string.Join(" ", newPeople.Select(a => a.Status == AttendeeStatus.Confirmed
            ? $"{a.Name} has a place."
            : $"{a.Name} is on the waitlist.")) + " We've emailed them.";
        return SeeOther(PageUrl);
    }

    public async Task<IActionResult> OnPostUpdateNeedsAsync(string token, long attendee, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken) || Registration is null) return LinkNotFound();
        var person = Registration.Attendees.SingleOrDefault(a => a.Id == attendee && a.Status != AttendeeStatus.Cancelled);
        if (person is null) return LinkNotFound();

        ModelState.Clear();
        CheckNeeds("Needs.AccessNeeds", Needs.AccessNeeds, $"{person.Name}'s access needs");
        if (Event.AsksDietaryNeeds) CheckNeeds("Needs.DietaryNeeds", Needs.DietaryNeeds, $"{person.Name}'s dietary needs");
        if (!ModelState.IsValid)
        {
            NeedsFormWithErrors = person.Id;
            return ShowPage(StatusCodes.Status400BadRequest);
        }

        person.AccessNeeds = FormRules.Tidy(Needs.AccessNeeds);
        if (Event.AsksDietaryNeeds) person.DietaryNeeds = FormRules.Tidy(Needs.DietaryNeeds);
        await db.SaveChangesAsync(cancellationToken);
        Notice = $"Saved: {person.Name}'s needs are updated.";
        return SeeOther(PageUrl);
    }

    /// <summary>A new private calendar feed of this contact's registrations, replacing any earlier one.</summary>
    public async Task<IActionResult> OnPostCalendarFeedAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return LinkNotFound();
        var contactEmail = Registration?.ContactEmail ?? Subscription!.ContactEmail;
        var feedToken = await calendarFeed.NewLinkAsync(contactEmail, cancellationToken);
        PrivateFeedUrl = site.Value.Url(SiteLinks.PrivateCalendarPath(feedToken));
        return SeeOther(PageUrl + "#your-calendar");
    }

    /// <summary>For a contact who thinks a link to this page went further than it should: only this one keeps working.</summary>
    public async Task<IActionResult> OnPostStopOtherLinksAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return LinkNotFound();
        var stopped = await PrivateLink.StopOtherLinksAsync(db, token, clock.GetUtcNow(), cancellationToken);
        Notice = stopped == 0
            ? "There were no other links to this page: only this one works."
            : $"{(stopped == 1 ? "One other link" : $"{stopped} other links")} to this page stopped working. This one still works: please keep it safe.";
        return SeeOther(PageUrl);
    }

    public async Task<IActionResult> OnPostAddAttendeeAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) && Registration is not null ? RowAdded() : LinkNotFound();

    public async Task<IActionResult> OnPostRemoveAttendeeAsync(string token, int remove, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) && Registration is not null ? RowRemoved(remove) : LinkNotFound();

    private void CheckNeeds(string key, string? value, string what)
    {
        var text = value?.Trim() ?? "";
        if (text.Length > FormRules.MaxNeeds)
            ModelState.AddModelError(key, $"{what} can be at most {FormRules.MaxNeeds:N0} characters; this has {text.Length:N0}. Please shorten it.");
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            ModelState.AddModelError(key, $"{what} contain characters we can't store (invisible control characters). Please type them again.");
    }

    private async Task<IReadOnlyList<Attendee>> AfterChangeAsync(string token, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(token, cancellationToken);
        return People;
    }

    /// <summary>A friendly 404 that explains why a private link may not work, rather than the site's general one.</summary>
    private PageResult LinkNotFound()
    {
        Registration = null;
        Subscription = null;
        return PageWithStatus(StatusCodes.Status404NotFound);
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        (Registration, Subscription) = await PrivateLink.FindAsync(db, token, cancellationToken);
        if (Registration is null && Subscription is null) return false;
        Token = token;
        Now = clock.GetUtcNow();
        if (Input.Attendees.Count == 0) Input.Attendees.Add(new AttendeeInput());

        if (Registration is { } registration)
        {
            var ordered = registration.Attendees.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToList();
            People = ordered.Where(a => a.Status != AttendeeStatus.Cancelled).ToList();
            CancelledPeople = ordered.Where(a => a.Status == AttendeeStatus.Cancelled).ToList();
            Availability = PublicEvents.AvailabilityOf(registration.Event, await desk.PlacesLeftAsync(registration.Event, cancellationToken), Now);
            Rows = new AttendeeRowsView(Input.Attendees, PageUrl, registration.Event.AsksDietaryNeeds) { Heading = "Add people" };
        }
        else
        {
            Sessions = await SessionPlaces.ForAsync(db, Subscription!, Now, cancellationToken);
            Rows = new AttendeeRowsView(Input.Attendees, PageUrl, false);
        }
        return true;
    }

    private StatusCodeResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
