using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Microsoft.Extensions.Options;
using MimeKit;
using CalendarAttendee = Ical.Net.DataTypes.Attendee;
using EventStatus = HeartsMinds.Community.Features.Events.EventStatus;

namespace HeartsMinds.Community.Features.Calendar;

/// <summary>
/// Our events as iCalendar entries. Every entry of one event shares the event's UID, so an invitation, its updates,
/// its cancellation, a download and a feed are all the same entry to a calendar app. The joining link of an online
/// session is written only into invitations, which go only to people with a place.
/// </summary>
public sealed class EventCalendar(IOptions<SiteOptions> site, IOptions<MailOptions> mail)
{
    /// <summary>The Partnership, as organiser of every invitation: the address emails come from (read once, not per invitation).</summary>
    private readonly MailboxAddress _organizer = MailboxAddress.Parse(mail.Value.From);

    private string OrganizerName => string.IsNullOrWhiteSpace(_organizer.Name) ? site.Value.Name : _organizer.Name;

    /// <summary>
    /// The iMIP invitation (METHOD:REQUEST) for one person with a place, or its cancellation (METHOD:CANCEL,
    /// STATUS:CANCELLED) when their place or the event is cancelled. The joining link is its location. Null when the
    /// attendee's address is the organiser's own (RFC 5546 cannot invite the organiser) or cannot be written as a
    /// calendar address: the email then goes without it.
    /// </summary>
    public CalendarInvitation? Invitation(Event ev, string attendeeEmail, string? attendeeName, bool cancel, DateTimeOffset now)
    {
        if (Invitable(attendeeEmail) is not { } email) return null;
        var joining = ev.IsOnline && !string.IsNullOrWhiteSpace(ev.JoiningUrl) ? ev.JoiningUrl.Trim() : null;
        var entry = Entry(ev, now);
        entry.Location = joining ?? PublicEvents.Where(ev);
        entry.Description = Describe(ev, joining is null ? null : $"Join the session: {joining}\n(This link is just for people with a place: please don't share it.)");
        entry.Status = cancel ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed;
        Invite(entry, email, attendeeName);
        var method = cancel ? CalendarMethods.Cancel : CalendarMethods.Request;
        return new(method, CalendarWriter.Write([entry], method));
    }

    /// <summary>
    /// One person's own invitation to a Conversation Space series (or its cancellation): the series as one recurring
    /// entry, with an EXDATE for each session cancelled or <paramref name="dropped"/> by them and a RECURRENCE-ID entry
    /// for each moved one, under the person's own <paramref name="uid"/>. Its SEQUENCE is the series' plus
    /// <paramref name="personalSequence"/>, so it rises with any change to the series or to the person's part of it.
    /// No joining link: that comes by email to whoever has a place at each session.
    /// </summary>
    /// <param name="sessions">The series' sessions from when the person joined it.</param>
    public CalendarInvitation? SeriesInvitation(ConversationSpaceSeries series, IReadOnlyList<Event> sessions, IReadOnlySet<long> dropped,
        Guid uid, int personalSequence, string attendeeEmail, string? attendeeName, bool cancel, DateTimeOffset now)
    {
        if (Invitable(attendeeEmail) is not { } email) return null;
        var today = EventTime.LocalDate(now, series.TimeZoneId);
        var entries = SeriesCalendar.Entries(series, sessions, today, site.Value.Url("/conversation-space"), ForPublic, dropped);
        var seriesUid = Uid(series.Uid);
        // A cancellation of the whole series is its master entry alone (RFC 5546 3.2.5).
        foreach (var entry in cancel ? entries.Take(1) : entries)
        {
            if (entry.Uid == seriesUid) entry.Uid = Uid(uid);
            entry.Sequence += personalSequence;
            entry.DtStamp = Utc(now);
            entry.Status = cancel ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed;
            Invite(entry, email, attendeeName);
        }
        var method = cancel ? CalendarMethods.Cancel : CalendarMethods.Request;
        return new(method, CalendarWriter.Write(cancel ? entries.Take(1).ToList() : entries, method));
    }

    /// <summary>The entry anyone may see (downloads and feeds): no joining link; a cancelled event says so in its title. A new object each time.</summary>
    public CalendarEvent ForPublic(Event ev)
    {
        var entry = Entry(ev, ev.UpdatedAt);
        entry.Summary = ev.Status == EventStatus.Cancelled ? $"Cancelled: {ev.Title}" : ev.Title;
        entry.Description = Describe(ev, ev.IsOnline ? PublicEvents.JoiningLinkByEmail : null);
        return entry;
    }

    /// <summary>The address, trimmed, if it can be invited: not the organiser's own (RFC 5546), and writable as a calendar address.</summary>
    private string? Invitable(string attendeeEmail)
    {
        var email = attendeeEmail.Trim();
        return string.Equals(email, _organizer.Address, StringComparison.OrdinalIgnoreCase) || !MailtoUri.IsUsable(email) ? null : email;
    }

    private void Invite(CalendarEvent entry, string email, string? name)
    {
        entry.Organizer = new Organizer(MailtoUri.For(_organizer.Address)) { CommonName = OrganizerName };
        entry.Attendees.Add(new CalendarAttendee(MailtoUri.For(email))
        {
            CommonName = string.IsNullOrWhiteSpace(name) ? null : name,
            Role = ParticipationRole.RequiredParticipant,
            ParticipationStatus = EventParticipationStatus.NeedsAction,
            Rsvp = true,
        });
    }

    /// <summary>A download or feed of entries: no METHOD, no organiser or attendees (RFC 5545 publishing).</summary>
    public static string Publish(IReadOnlyList<CalendarEvent> entries, string? name = null) => CalendarWriter.Write(entries, name: name);

    public string EventUrl(Event ev) => site.Value.EventLink(ev.Id);

    /// <summary>A wall-clock time with its TZID: the calendar carries that zone's VTIMEZONE.</summary>
    public static CalDateTime Local(DateTimeOffset instant, string zoneId) => new(EventTime.ToLocal(instant, zoneId), zoneId);

    /// <summary>A UTC time ("Z", never with a TZID), as DTSTAMP must be.</summary>
    public static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime);

    /// <summary>The stable UID of an event (or a series): the same in every invitation, download and feed.</summary>
    public static string Uid(Guid uid) => $"{uid:D}@heartsandminds-community";

    private CalendarEvent Entry(Event ev, DateTimeOffset stamp) => new()
    {
        Uid = Uid(ev.Uid),
        DtStamp = Utc(stamp),
        DtStart = Local(ev.StartsAt, ev.TimeZoneId),
        DtEnd = Local(ev.EndsAt, ev.TimeZoneId),
        Summary = ev.Title,
        Location = PublicEvents.Where(ev),
        Url = new Uri(EventUrl(ev)),
        Sequence = ev.Sequence,
        Status = ev.Status == EventStatus.Cancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
    };

    private string Describe(Event ev, string? joining) => string.Join("\n\n", new[]
    {
        ev.Status == EventStatus.Cancelled
            ? $"This event has been cancelled.{(string.IsNullOrWhiteSpace(ev.CancellationReason) ? "" : " " + ev.CancellationReason)}"
            : null,
        Markdown.ToPlainText(ev.Description),
        joining,
        ev.IsOnline ? null : Lines(("Map", ev.MapUrl), ("Accessibility", ev.AccessibilityInfo), ("On arrival", ev.ArrivalNotes)),
        $"About this event: {EventUrl(ev)}",
    }.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string Lines(params (string Label, string? Value)[] rows) =>
        string.Join("\n", rows.Where(r => !string.IsNullOrWhiteSpace(r.Value)).Select(r => $"{r.Label}: {r.Value!.Trim()}"));
}
