using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Features.Charter.Invitations;

/// <summary>
/// An invitation to one or more events for a signatory: several events that open at once (a new run of Conversation
/// Space sessions) come in one email, each with its own Register button, rather than one email each.
/// </summary>
public static class CharterInvitationEmail
{
    public const string Purpose = "charter-invitation";

    /// <param name="preferencesToken">The signatory's own preferences link, where invitations can be turned off.</param>
    public static OutboxMessage Compose(Signatory signatory, IReadOnlyList<Event> events, string preferencesToken, SiteOptions site)
    {
        var subject = events.Count == 1
            ? $"You're invited: {events[0].Title}, {EventTime.Day(events[0].StartsAt, events[0].TimeZoneId)}"
            : $"You're invited: {events.Count} Hearts and Minds sessions and events";
        var email = new EmailBuilder(signatory.Email, signatory.ContactName, subject, Purpose)
            .Paragraph($"Hello {signatory.ContactName},")
            .Paragraph(events.Count == 1
                ? $"As a signatory of the Hearts and Minds Charter, {signatory.OrganisationName} is warmly invited to this. Places are free; anyone from your service is welcome to register."
                : $"As a signatory of the Hearts and Minds Charter, {signatory.OrganisationName} is warmly invited to these. Places are free; anyone from your service is welcome to register.");
        foreach (var ev in events)
        {
            email.Heading(ev.Title)
                .Details(("When", $"{EventTime.When(ev)} (UK time)"), ("Where", PublicEvents.Where(ev)))
                .Button(events.Count == 1 ? "Register" : $"Register for {ev.Title}, {EventTime.Day(ev.StartsAt, ev.TimeZoneId)}", site.RegisterLink(ev.Id))
                .Link("More about it", site.EventLink(ev.Id));
        }
        return email
            .Link("Stop event invitations, or change your Charter preferences", site.CharterPreferencesLink(preferencesToken))
            .Because($"You're getting this because {signatory.OrganisationName} signed the Hearts and Minds Charter and asked for event invitations.")
            .Build(site);
    }
}
