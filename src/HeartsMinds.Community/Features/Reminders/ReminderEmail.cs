using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Features.Reminders;

/// <summary>
/// The words of a reminder. An online-only reminder is the short "starting soon" email with the joining link first;
/// any other reminder repeats everything the attendee needs for the day. The joining link is only ever written here
/// for a confirmed attendee, because only they get reminders.
/// </summary>
public static class ReminderEmail
{
    /// <param name="personToken">The person's own link, for "can't come?".</param>
    public static OutboxMessage Write(ReminderRule rule, Event ev, Attendee attendee, string personToken, SiteOptions site) =>
        rule.OnlineOnly ? StartingSoon(rule, ev, attendee, personToken, site) : Full(rule, ev, attendee, personToken, site);

    private static OutboxMessage Full(ReminderRule rule, Event ev, Attendee attendee, string personToken, SiteOptions site)
    {
        var email = new EmailBuilder(attendee.Email, attendee.Name,
                $"Reminder: {ev.Title}, {EventTime.Day(ev.StartsAt, ev.TimeZoneId)}", rule.Purpose)
            .Paragraph($"Hello {attendee.Name},")
            .Paragraph($"Just a friendly reminder that you have a place at {ev.Title}. We're looking forward to seeing you.");
        RegistrationNotifier.EventDetails(email, ev);
        if (ev.IsOnline)
            JoiningLink(email, ev, site);
        else
            email.Paragraph("Please bring the QR code from your confirmation email, on your phone or printed: it lets us check you in quickly.");
        return email
            .Link(RegistrationNotifier.LiveBoardLinkText, site.BoardJoinLink(personToken))
            .Link(CantCome, site.FreePlaceLink(personToken, attendee.Registration.SeriesSubscriptionId is null ? null : ev.Id))
            .Link("About this event", site.EventLink(ev.Id))
            .Because(Reason(ev, attendee))
            .Build(site);
    }

    private static OutboxMessage StartingSoon(ReminderRule rule, Event ev, Attendee attendee, string personToken, SiteOptions site)
    {
        var email = new EmailBuilder(attendee.Email, attendee.Name,
                $"Starting soon: {ev.Title}, {EventTime.Describe(ev.StartsAt, ev.TimeZoneId)}", rule.Purpose)
            .Paragraph($"Hello {attendee.Name},")
            .Paragraph($"{ev.Title} starts soon: {EventTime.When(ev)} (UK time).");
        JoiningLink(email, ev, site);
        return email
            .Link(RegistrationNotifier.LiveBoardLinkText, site.BoardJoinLink(personToken))
            .Link(CantCome, site.FreePlaceLink(personToken, attendee.Registration.SeriesSubscriptionId is null ? null : ev.Id))
            .Link("About this session", site.EventLink(ev.Id))
            .Because(Reason(ev, attendee))
            .Build(site);
    }

    private static void JoiningLink(EmailBuilder email, Event ev, SiteOptions site)
    {
        if (!string.IsNullOrWhiteSpace(ev.JoiningUrl))
            email.Button(RegistrationNotifier.JoinButtonText, ev.JoiningUrl, RegistrationNotifier.JoinButtonNote);
        else
            email.Paragraph($"We'll send you the joining link before the start. If it hasn't reached you by then, please write to {site.ContactEmail} and we'll help.");
    }

    private const string CantCome = "Can't come after all? One click frees your place for someone on the waitlist";

    private static string Reason(Event ev, Attendee attendee) =>
        $"You're getting this reminder because you have a place at {ev.Title}, booked for you by {attendee.Registration.OrganisationName}.";
}
