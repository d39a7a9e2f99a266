using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// The email a staff message becomes, for one person: their name, the message as staff wrote it (plain text, each
/// blank line a new paragraph), the event it is about and why they got it. The preview and the real emails both come
/// from here, so staff see exactly what is sent.
/// </summary>
public static class StaffMessageEmail
{
    public const string Purpose = "staff-message";
    public const int MaxSubject = 200;
    public const int MaxBody = 5_000;

    public static OutboxMessage Compose(Event ev, SiteOptions site, StaffMessageAudience audience, string toAddress, string toName, string subject, string body)
    {
        var email = new EmailBuilder(toAddress, toName, subject, Purpose).Paragraph($"Hello {toName},");
        foreach (var paragraph in Paragraphs(body)) email.Paragraph(paragraph);
        return email
            .Details(("Event", ev.Title), ("When", $"{EventTime.When(ev)} (UK time)"), ("Where", PublicEvents.Where(ev)))
            .Link("About this event", site.EventLink(ev.Id))
            .Because(audience == StaffMessageAudience.Coming
                ? $"You're getting this email because you have a place at {ev.Title}."
                : $"You're getting this email because you're on the waitlist for {ev.Title}.")
            .Build(site);
    }

    /// <summary>Blank lines separate paragraphs; single line breaks stay inside one.</summary>
    private static IEnumerable<string> Paragraphs(string body) =>
        body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.Length > 0);
}
