using HeartsMinds.Community.Features.Calendar;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Security;
using HeartsMinds.Community.Platform.Web;
using Microsoft.Extensions.Options;
using QRCoder;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// The emails that follow a change of places, written to the outbox by the <see cref="NoticeWriter"/> from the
/// change's notices, after the change has committed.
/// The joining link of an online session goes only to people with a confirmed place.
/// Each email that gives someone a place, changes it or takes it away carries that person's own calendar
/// invitation (REQUEST) or cancellation (CANCEL) for the event, so their calendar follows along.
/// </summary>
/// <remarks>A place that came from an every-session registration is the <see cref="SeriesNotifier"/>'s to tell.</remarks>
public sealed class RegistrationNotifier(CommunityDb db, EventCalendar calendar, SeriesNotifier series,
    TimeProvider clock, IOptions<SiteOptions> siteOptions)
{
    private SiteOptions Site => siteOptions.Value;

    /// <summary>The words of the joining link in every email that carries it.</summary>
    public const string JoinLinkText = "Join the session (this link is just for people with a place: please don't share it)";

    /// <summary>The joining link as a button: its words, and the note beneath it.</summary>
    public const string JoinButtonText = "Join the session";
    public const string JoinButtonNote = "This link is just for people with a place: please don't share it.";

    /// <summary>The words of the live board link (the person's own link to their session's board) in every email that carries it.</summary>
    public const string LiveBoardLinkText = "During the session: ask questions and share learning on the live board";

    /// <summary>When, where and, for a face-to-face event, the map, access and arrival notes: what someone with a place needs.</summary>
    public static EmailBuilder EventDetails(EmailBuilder email, Event ev) => email.Details(
        ("When", $"{EventTime.When(ev)} (UK time)", null),
        ("Where", PublicEvents.Where(ev), null),
        MapRow(ev),
        ("Accessibility", ev.IsOnline ? null : ev.AccessibilityInfo, null),
        ("On arrival", ev.IsOnline ? null : ev.ArrivalNotes, null));

    /// <summary>The map of a face-to-face event's venue, as a link (with the address in the text version).</summary>
    private static (string, string?, string?) MapRow(Event ev) =>
        ("Map", ev.IsOnline || string.IsNullOrWhiteSpace(ev.MapUrl) ? null : "Open the map of the venue", ev.MapUrl);

    /// <summary>The footer's reason for every email to an attendee.</summary>
    private static string RegisteredBy(Attendee attendee) =>
        attendee.Registration?.OrganisationName is { Length: > 0 } organisation
            ? $"You're getting this because {organisation} registered you for an event with the Hearts and Minds Partnership."
            : "You're getting this because you were registered for an event with the Hearts and Minds Partnership.";

    /// <param name="contactSummary">A new registration: its contact gets a summary with a new private link to it.</param>
    /// <param name="waitlistPositions">Each waitlisted attendee's place in the queue, by attendee id.</param>
    public async Task PlacesGivenAsync(Event ev, Registration registration, IReadOnlyList<Attendee> added, IReadOnlyDictionary<Attendee, string> checkInCodes,
        IReadOnlyDictionary<long, int> waitlistPositions, bool contactSummary, CancellationToken cancellationToken)
    {
        if (contactSummary)
            db.OutboxMessages.Add(ContactSummary(ev, registration, added, PrivateLink.Issue(db, registration, clock.GetUtcNow()),
                $"Registration received: {ev.Title}, {EventTime.Day(ev.StartsAt, ev.TimeZoneId)}", "registration-confirmation"));
        foreach (var attendee in added)
        {
            var position = waitlistPositions.Of(attendee);
            if (attendee.Registration.SeriesSubscriptionId is not null)
                await series.PlaceTakenAsync(ev, attendee, position, cancellationToken);
            else
                AttendeeStatusEmail(ev, attendee, checkInCodes[attendee], position, await PersonLinkAsync(attendee, cancellationToken));
        }
    }

    public async Task PromotedAsync(Event ev, Attendee attendee, string checkInCode, CancellationToken cancellationToken)
    {
        if (attendee.Registration.SeriesSubscriptionId is not null)
        {
            await series.PromotedAsync(ev, attendee, cancellationToken);
            return;
        }
        var email = Greeting(attendee, $"You now have a place: {ev.Title}, {EventTime.Day(ev.StartsAt, ev.TimeZoneId)}", "waitlist-promotion")
            .Paragraph($"Good news: a place has come free at {ev.Title} and it's yours. You don't need to do anything to accept it.");
        Invite(email, ev, attendee);
        PlaceDetails(email, ev, attendee, checkInCode, await PersonLinkAsync(attendee, cancellationToken));
        db.OutboxMessages.Add(email.Build(Site));
    }

    /// <param name="hadPlace">They were confirmed, so their calendar holds an invitation that must be cancelled.</param>
    public void Cancelled(Event ev, Attendee attendee, bool hadPlace)
    {
        if (attendee.Registration.SeriesSubscriptionId is not null)
        {
            // A cancelled session reaches them in the series update; a place they gave up, in an email of its own.
            if (ev.Status != EventStatus.Cancelled) series.Dropped(ev, attendee);
            return;
        }
        var email = Greeting(attendee, $"Place cancelled: {ev.Title}, {EventTime.Day(ev.StartsAt, ev.TimeZoneId)}", "place-cancelled")
            .Paragraph(ev.Status == EventStatus.Cancelled
                ? $"{ev.Title} on {EventTime.Describe(ev.StartsAt, ev.TimeZoneId)} has been cancelled, so your place is cancelled too. We're sorry for the change of plan."
                    + (string.IsNullOrWhiteSpace(ev.CancellationReason) ? "" : $" The reason: {ev.CancellationReason}")
                : $"Your place at {ev.Title} on {EventTime.Describe(ev.StartsAt, ev.TimeZoneId)} has been cancelled. If that's a mistake, you're welcome to register again while places are open.")
            .Link("See other dates", Site.Url("/events"));
        if (hadPlace) Invite(email, ev, attendee, Invitation.Cancel);
        db.OutboxMessages.Add(email.Build(Site));
    }

    /// <summary>The contact gave this person's place a new address: the old one (still on <paramref name="attendee"/>) is told, and its invitation cancelled.</summary>
    public void AddressReplaced(Event ev, Attendee attendee)
    {
        var email = Greeting(attendee, $"Your place has moved to another address: {ev.Title}", "address-replaced")
            .Paragraph($"{attendee.Registration.OrganisationName}'s contact has changed the email address for this place at {ev.Title} " +
                       $"on {EventTime.Describe(ev.StartsAt, ev.TimeZoneId)}, so its emails now go to the new address. The links we sent here have stopped working.")
            .Paragraph($"If that's not right, please contact {attendee.Registration.ContactName} at {attendee.Registration.ContactEmail}.");
        if (attendee.Status == AttendeeStatus.Confirmed) Invite(email, ev, attendee, Invitation.Cancel);
        db.OutboxMessages.Add(email.Build(Site));
    }

    public void Changed(Event ev, Attendee attendee, string whatChanged)
    {
        var email = Greeting(attendee, $"Changed: {ev.Title}, {EventTime.Day(ev.StartsAt, ev.TimeZoneId)}", "event-changed")
            .Paragraph($"Something has changed about {ev.Title}: {whatChanged}. Here are the details as they are now.");
        email.Details(
            ("When", $"{EventTime.When(ev)} (UK time)"),
            ("Where", PublicEvents.Where(ev)),
            ("Map", ev.IsOnline ? null : ev.MapUrl));
        if (ev.IsOnline && !string.IsNullOrWhiteSpace(ev.JoiningUrl))
            email.Link(JoinLinkText, ev.JoiningUrl);
        email.Paragraph("Your place is still yours: you don't need to do anything.");
        db.OutboxMessages.Add(Invite(email, ev, attendee, Invitation.Update).Build(Site));
    }

    /// <summary>Someone tried to register people who already are: the registration's own contact gets a new manage link.</summary>
    public void ManageLinkResent(Event ev, Registration registration, string token)
    {
        var email = new EmailBuilder(registration.ContactEmail, registration.ContactName,
                $"Your link to manage your registration: {ev.Title}", "manage-link-resent")
            .Paragraph($"Hello {registration.ContactName},")
            .Paragraph($"Someone tried to register people from {registration.OrganisationName} for {ev.Title} on {EventTime.Describe(ev.StartsAt, ev.TimeZoneId)}, but they are already registered through your registration. Here is your private link to see or change it. Links in earlier emails still work.")
            .Link("Manage your registration", Site.ManageLink(token))
            .Paragraph("If this wasn't you or your colleagues, you can ignore this email: nothing has changed.")
            .Because($"You're getting this because you are the contact for {registration.OrganisationName}'s registration for {ev.Title}.");
        db.OutboxMessages.Add(email.Build(Site));
    }

    private OutboxMessage ContactSummary(Event ev, Registration registration, IEnumerable<Attendee> attendees, string manageToken, string subject, string purpose)
    {
        var email = new EmailBuilder(registration.ContactEmail, registration.ContactName, subject, purpose)
            .Paragraph($"Hello {registration.ContactName},")
            .Paragraph($"Thank you for registering people from {registration.OrganisationName} for {ev.Title}.")
            .Details(("When", $"{EventTime.When(ev)} (UK time)", null),
                ("Where", PublicEvents.Where(ev), null),
                MapRow(ev),
                ("Calendar", "Add this event to your calendar (.ics file)", Site.Url(SiteLinks.EventCalendarPath(ev.Id))))
            .Heading("Who is coming")
            .List(attendees.Select(a => $"{a.Name} ({a.Email}): {(a.Status == AttendeeStatus.Confirmed ? "has a place" : "is on the waitlist")}"));
        if (attendees.Any(a => a.Status == AttendeeStatus.Waitlisted))
            email.Paragraph("People on the waitlist get an email as soon as a place comes free, in the order they joined it.");
        return email
            .Paragraph("Each person gets their own email with the details they need, and everyone with a place gets a calendar invitation that stays up to date if anything changes.")
            .Button("See, change or cancel your registration", Site.ManageLink(manageToken), "This is your private link: please don't share it.")
            .Because($"You're getting this because you registered people from {registration.OrganisationName} for {ev.Title}.")
            .Build(Site);
    }

    private void AttendeeStatusEmail(Event ev, Attendee attendee, string checkInCode, int? waitlistPosition, string personToken)
    {
        if (attendee.Status == AttendeeStatus.Confirmed)
        {
            var email = Greeting(attendee, $"Your place: {ev.Title}, {EventTime.Day(ev.StartsAt, ev.TimeZoneId)}", "place-confirmed")
                .Paragraph($"{attendee.Registration.OrganisationName} has registered you for {ev.Title}, and you have a place.");
            Invite(email, ev, attendee);
            PlaceDetails(email, ev, attendee, checkInCode, personToken);
            db.OutboxMessages.Add(email.Build(Site));
        }
        else
        {
            var email = Greeting(attendee, $"You're on the waitlist: {ev.Title}, {EventTime.Day(ev.StartsAt, ev.TimeZoneId)}", "waitlisted")
                .Paragraph($"{attendee.Registration.OrganisationName} has registered you for {ev.Title} on {EventTime.Describe(ev.StartsAt, ev.TimeZoneId)}. " +
                           $"It's full at the moment, so you're on the waitlist{(waitlistPosition is { } n ? $": number {n}" : "")}.")
                .Paragraph("If a place comes free, it's yours automatically and we'll email you straight away with everything you need.")
                .Link("Can't come anyway? Take yourself off the waitlist", Site.FreePlaceLink(personToken))
                .Link(PersonLinkText, Site.PersonLink(personToken));
            db.OutboxMessages.Add(email.Build(Site));
        }
    }

    /// <summary>The words of the person's own link in their emails.</summary>
    public const string PersonLinkText = "Your place: change your access needs, or free it (your own link: please don't share it)";

    private Task<string> PersonLinkAsync(Attendee attendee, CancellationToken cancellationToken) =>
        PrivateLink.IssueForPersonAsync(db, attendee, clock.GetUtcNow(), cancellationToken);

    private void PlaceDetails(EmailBuilder email, Event ev, Attendee attendee, string checkInCode, string personToken)
    {
        EventDetails(email, ev);
        if (ev.IsOnline && !string.IsNullOrWhiteSpace(ev.JoiningUrl))
            email.Button(JoinButtonText, ev.JoiningUrl, JoinButtonNote);
        if (!ev.IsOnline)
        {
            // In the email, so it is there on the day without opening anything; attached too, to save or print.
            var qr = QrPng(Site.CheckInLink(checkInCode));
            email.Paragraph("Please show this QR code when you arrive: it lets us check you in quickly. It's attached to this email too, so you can save it or print it.")
                .InlineImage("check-in-code.png", "image/png", qr, $"Check-in QR code for {attendee.Name}", 240, 240)
                .Attach("check-in-code.png", "image/png", qr);
        }
        email.Link(LiveBoardLinkText, Site.BoardJoinLink(personToken))
            .Link("Can't come after all? One click frees your place for someone on the waitlist", Site.FreePlaceLink(personToken))
            .Link(PersonLinkText, Site.PersonLink(personToken))
            .Link("About this event", Site.EventLink(ev.Id));
    }

    private enum Invitation { New, Update, Cancel }

    /// <summary>Adds this person's own calendar invitation (or its update or cancellation) to the email, and says so.</summary>
    private EmailBuilder Invite(EmailBuilder email, Event ev, Attendee attendee, Invitation kind = Invitation.New)
    {
        if (calendar.Invitation(ev, attendee.Email, attendee.Name, cancel: kind == Invitation.Cancel, clock.GetUtcNow()) is not { } invitation) return email;
        return email
            .Paragraph(kind switch
            {
                Invitation.Cancel => "If this event is in your calendar, the attached cancellation takes it out.",
                Invitation.Update => "If this event is in your calendar, the attached update changes it there too.",
                _ => "Your calendar invitation is attached: accept it and the event goes in your calendar. If anything changes, we'll send an update that changes it there too.",
            })
            .Calendar(invitation.Method, invitation.Content);
    }

    private static EmailBuilder Greeting(Attendee attendee, string subject, string purpose) =>
        new EmailBuilder(attendee.Email, attendee.Name, subject, purpose).Paragraph($"Hello {attendee.Name},").Because(RegisteredBy(attendee));

    private static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
