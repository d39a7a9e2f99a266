using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// The private page behind the link in the contact's email (/registrations/{token}). The link opens one of two things:
/// <list type="bullet">
/// <item>a registration for one event (<see cref="Places"/>, shown by _OneRegistration): who is coming, the joining
/// link when someone has a place, add people, change access needs, and links to cancel;</item>
/// <item>an every-session subscription (<see cref="Sessions"/>, shown by _EverySession): the people, every upcoming
/// session with their places, and links to drop a session, stop registering someone, or stop altogether.</item>
/// </list>
/// The calendar feed and "stop other links" work for both. Cancelling happens on <see cref="CancelPlacesModel"/>,
/// which asks first.
/// </summary>
[PrivatePage]
public sealed class YourPlacesModel(CommunityDb db, RegistrationDesk desk, SubscriptionDesk subscriptions, PrivateCalendarFeed calendarFeed, TimeProvider clock,
    IOptions<SiteOptions> site, IOptions<EverySessionOptions> everySession) : AttendeeRowsPageModel
{
    public string Token { get; private set; } = "";
    public Registration? Registration { get; private set; }
    public SeriesSubscription? Subscription { get; private set; }

    /// <summary>A registration for one event: its people and places.</summary>
    public RegistrationPlaces? Places { get; private set; }

    /// <summary>An every-session subscription: each upcoming session with its people's places.</summary>
    public IReadOnlyList<SessionPlaces> Sessions { get; private set; } = [];

    [BindProperty] public NeedsInput Needs { get; set; } = new();

    /// <summary>The person whose needs form failed validation, so it opens with its message.</summary>
    public long? NeedsFormWithErrors { get; private set; }

    [TempData] public string? Notice { get; set; }

    /// <summary>The private calendar feed address, shown once, just after it was made (only its hash is kept).</summary>
    [TempData] public string? PrivateFeedUrl { get; set; }

    private string PageUrl => Url.Page("/Registrations/YourPlaces", new { token = Token })!;
    private Event Event => Registration!.Event;

    public IEnumerable<string> FieldOrder => Rows.FieldOrder().Concat(["Needs.Name", "Needs.Email", "Needs.AccessNeeds", "Needs.DietaryNeeds"]);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken)) return LinkNotFound();
        return ShowPage();
    }

    public async Task<IActionResult> OnPostAddPeopleAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken) || Registration is null) return LinkNotFound();
        if (Places?.Availability.CanRegister != true) return ShowPage(StatusCodes.Status409Conflict);

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
        Needs.Check(ModelState, person.Name, Event.AsksDietaryNeeds);
        if (!ModelState.IsValid)
        {
            NeedsFormWithErrors = person.Id;
            return ShowPage(StatusCodes.Status400BadRequest);
        }

        var details = new AttendeeDetails(Needs.Name?.Trim() ?? person.Name, Needs.Email?.Trim() ?? person.Email, person.Role,
            FormText.Tidy(Needs.AccessNeeds), FormText.Tidy(Needs.DietaryNeeds));
        var moved = Attendee.KeyOf(details.Email) != person.EmailKey;
        if (await desk.CorrectPersonAsync(person.Id, details, cancellationToken) is { } refusal)
        {
            NeedsFormWithErrors = person.Id;
            ModelState.AddModelError($"{NeedsInput.Prefix}.{nameof(NeedsInput.Email)}", refusal);
            return ShowPage(StatusCodes.Status409Conflict);
        }
        Notice = moved
            ? $"Saved: {details.Name}'s emails now go to {details.Email}. We've sent them their place there, and told the old address."
            : $"Saved: {details.Name}'s details are updated.";
        return SeeOther(PageUrl);
    }

    /// <summary>The contact corrects an every-session member's name, address or access needs.</summary>
    public async Task<IActionResult> OnPostUpdateMemberAsync(string token, long member, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken) || Subscription is null) return LinkNotFound();
        var person = Subscription.Members.SingleOrDefault(m => m.Id == member && m.LeftAt == null);
        if (person is null) return LinkNotFound();

        ModelState.Clear();
        Needs.Check(ModelState, person.Name, asksDietaryNeeds: false);
        if (!ModelState.IsValid)
        {
            NeedsFormWithErrors = person.Id;
            return ShowPage(StatusCodes.Status400BadRequest);
        }
        var details = new AttendeeDetails(Needs.Name?.Trim() ?? person.Name, Needs.Email?.Trim() ?? person.Email, person.Role,
            FormText.Tidy(Needs.AccessNeeds), null);
        var moved = Attendee.KeyOf(details.Email) != person.EmailKey;
        if (await subscriptions.CorrectMemberAsync(Subscription.Id, person.Id, details, cancellationToken) is { } refusal)
        {
            NeedsFormWithErrors = person.Id;
            ModelState.AddModelError($"{NeedsInput.Prefix}.{nameof(NeedsInput.Email)}", refusal);
            return ShowPage(StatusCodes.Status409Conflict);
        }
        Notice = moved
            ? $"Saved: {details.Name}'s emails now go to {details.Email}. We've sent their invitation there, and told the old address."
            : $"Saved: {details.Name}'s details are updated.";
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

    private async Task<IReadOnlyList<Attendee>> AfterChangeAsync(string token, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(token, cancellationToken);
        return Places!.People;
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
        var now = clock.GetUtcNow();
        if (Input.Attendees.Count == 0) Input.Attendees.Add(new AttendeeInput());

        if (Registration is { } registration)
        {
            Places = await RegistrationPlaces.LoadAsync(registration, desk, now, cancellationToken);
            Rows = new AttendeeRowsView(Input.Attendees, registration.Event.AsksDietaryNeeds) { Heading = "Add people" };
        }
        else
        {
            Sessions = await SessionPlaces.ForAsync(db, Subscription!, everySession.Value.PlacesTakenBefore, now, cancellationToken);
            Rows = new AttendeeRowsView(Input.Attendees, false);
        }
        return true;
    }
}
