using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// The emails of an every-session registration, written to the outbox in the caller's transaction. Each person has
/// one recurring invitation for the whole series, sent when they join and updated (a higher SEQUENCE) when anything
/// in it changes; each session then brings one short email when their place is taken, a few weeks before.
/// Changes to sessions are gathered while a change is made and written once, by <see cref="WriteAsync"/>, after the
/// changes are saved: a series edit that moves twelve sessions sends each person one update, not twelve.
/// </summary>
public sealed class SeriesNotifier(CommunityDb db, SeriesInvitations invitations, TimeProvider clock,
    IOptions<SiteOptions> siteOptions, IOptions<EverySessionOptions> everySession)
{
    private SiteOptions Site => siteOptions.Value;

    private readonly Dictionary<long, List<string>> _changedSeries = [];
    private readonly List<(Event Session, Attendee Attendee)> _dropped = [];

    /// <summary>"four weeks", for "we take your place four weeks before each session".</summary>
    public string PlacesTakenBeforeInWords => Weeks(everySession.Value.PlacesTakenBefore);

    /// <summary>The email that welcomes one person to every session: their own recurring invitation, and their first places.</summary>
    public async Task WelcomeAsync(SeriesSubscription subscription, ConversationSpaceSeries series, SeriesSubscriber member,
        IReadOnlyList<(Event Session, Attendee Place, int? WaitlistPosition)> firstPlaces, CancellationToken cancellationToken)
    {
        var email = Greeting(member, $"You're registered for every {series.Title} session", "series-welcome")
            .Paragraph($"{subscription.OrganisationName} has registered you for every {series.Title} session: {series.PatternDescription}, online.")
            .Paragraph($"We'll take your place at each session {PlacesTakenBeforeInWords} before it, and email you then with the joining link. " +
                       "If you can't come to one, one click in that email frees your place for someone else.");
        foreach (var (session, place, position) in firstPlaces) SessionPlace(email, session, place, position);
        var token = PrivateLink.Issue(db, member, clock.GetUtcNow());
        // Their own link finds the board of the session that's on, or their next one.
        if (firstPlaces.Any(p => p.Place.Status == AttendeeStatus.Confirmed)) LiveBoard(email, token);
        await InviteAsync(email, subscription, member, cancel: false,
            "Your calendar invitation for the whole series is attached: accept it and every session goes in your calendar. " +
            "If a session moves or is cancelled, we'll send an update that changes it there too.", cancellationToken);
        YourLink(email, token);
        db.OutboxMessages.Add(email.Build(Site));
    }

    /// <summary>A session's places were taken: the person has one, or is waiting (with their place in the queue).</summary>
    public async Task PlaceTakenAsync(Event session, Attendee attendee, int? waitlistPosition, CancellationToken cancellationToken)
    {
        var day = EventTime.Day(session.StartsAt, session.TimeZoneId);
        var email = Greeting(attendee.Name, attendee.Email, attendee.Status == AttendeeStatus.Confirmed
            ? $"Your place on {day}: {session.Title}" : $"You're on the waitlist for {day}: {session.Title}", "session-place");
        var token = await PrivateLink.IssueForPersonAsync(db, attendee, clock.GetUtcNow(), cancellationToken);
        SessionPlace(email, session, attendee, waitlistPosition);
        if (attendee.Status == AttendeeStatus.Confirmed) LiveBoard(email, token);
        FreePlace(email, token, session, attendee);
        YourLink(email, token);
        db.OutboxMessages.Add(email.Build(Site));
    }

    /// <summary>Someone waiting for a session now has a place: no invitation (the series one has the session), just the joining link.</summary>
    public async Task PromotedAsync(Event session, Attendee attendee, CancellationToken cancellationToken)
    {
        var email = Greeting(attendee.Name, attendee.Email,
                $"You now have a place on {EventTime.Day(session.StartsAt, session.TimeZoneId)}: {session.Title}", "session-place")
            .Paragraph($"Good news: a place has come free at the {session.Title} on {EventTime.Describe(session.StartsAt, session.TimeZoneId)} (UK time), and it's yours.");
        JoiningLink(email, session);
        var token = await PrivateLink.IssueForPersonAsync(db, attendee, clock.GetUtcNow(), cancellationToken);
        LiveBoard(email, token);
        FreePlace(email, token, session, attendee);
        YourLink(email, token);
        db.OutboxMessages.Add(email.Build(Site));
    }

    /// <summary>A person gave up their place at one session: told, with their invitation updated, once the change is saved.</summary>
    public void Dropped(Event session, Attendee attendee) => _dropped.Add((session, attendee));

    /// <summary>A session changed or was cancelled: everyone registered for every session gets an updated invitation. Returns how many.</summary>
    public async Task<int> SessionChangedAsync(Event session, string whatChanged, CancellationToken cancellationToken)
    {
        if (session.SeriesId is not { } seriesId) return 0;
        ChangesTo(seriesId).Add($"{EventTime.Day(session.StartsAt, session.TimeZoneId)}: {whatChanged}");
        return await db.Set<SeriesSubscriber>().CountAsync(m => m.LeftAt == null && db.SeriesSubscriptions
            .Any(s => s.Id == m.SubscriptionId && s.SeriesId == seriesId && s.EndedAt == null), cancellationToken);
    }

    /// <summary>The series itself changed (its day or time): everyone registered for every session gets an updated invitation.</summary>
    public void SeriesChanged(ConversationSpaceSeries series, string whatChanged) => ChangesTo(series.Id).Insert(0, whatChanged);

    /// <summary>The session changes gathered so far, by series, taken out of this notifier (which then has none).</summary>
    public Dictionary<long, List<string>> TakeGatheredChanges()
    {
        var changes = new Dictionary<long, List<string>>(_changedSeries);
        _changedSeries.Clear();
        return changes;
    }

    /// <summary>Gathers changes taken from another notifier (a notice's), to be written by <see cref="WriteAsync"/>.</summary>
    public void Gather(IReadOnlyDictionary<long, List<string>> changes)
    {
        foreach (var (seriesId, described) in changes) ChangesTo(seriesId).AddRange(described);
    }

    private List<string> ChangesTo(long seriesId) =>
        _changedSeries.TryGetValue(seriesId, out var changes) ? changes : _changedSeries[seriesId] = [];

    /// <summary>The person no longer comes to every session: their invitation is cancelled, and so are their places.</summary>
    /// <param name="movedAway">The contact gave the member a new address: this tells the old one.</param>
    public async Task LeftAsync(SeriesSubscription subscription, ConversationSpaceSeries series, SeriesSubscriber member,
        IReadOnlyList<Event> placesCancelled, CancellationToken cancellationToken, bool movedAway = false)
    {
        var email = Greeting(member, $"No longer registered: every {series.Title} session", "series-left")
            .Paragraph(movedAway
                ? $"{subscription.OrganisationName}'s contact has changed the email address for your registration for every {series.Title} session, so its emails now go to the new address. " +
                  $"The links we sent here have stopped working. If that's not right, please contact {subscription.ContactName} at {subscription.ContactEmail}."
                : subscription.EndedAt is null
                ? $"{subscription.OrganisationName} has taken you off its registration for every {series.Title} session."
                : $"{subscription.OrganisationName} has stopped its registration for every {series.Title} session.");
        if (placesCancelled.Count > 0)
            email.Paragraph("Your places are cancelled too, so they can go to someone else:")
                .List(placesCancelled.Select(s => EventTime.When(s) + " (UK time)"));
        if (!movedAway)
            email.Paragraph("You're always welcome back: you can register for one session or for every session on our website.")
                .Link("The Conversation Space", Site.Url("/conversation-space"));
        member.CalendarSequence++;
        await InviteAsync(email, subscription, member, cancel: true,
            "If the series is in your calendar, the attached cancellation takes it out.", cancellationToken);
        db.OutboxMessages.Add(email.Build(Site));
    }

    /// <summary>Writes the emails gathered while the change was made; call after saving it, before committing.</summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        var told = new HashSet<long>();
        foreach (var (session, attendee) in _dropped)
            if (await MemberAsync(attendee, cancellationToken) is { } found && told.Add(found.Member.Id))
                await DroppedEmailAsync(session, found.Subscription, found.Member, cancellationToken);
        foreach (var (seriesId, changes) in _changedSeries)
            await SeriesUpdatesAsync(seriesId, changes, told, cancellationToken);
        _dropped.Clear();
        _changedSeries.Clear();
    }

    private async Task DroppedEmailAsync(Event session, SeriesSubscription subscription, SeriesSubscriber member, CancellationToken cancellationToken)
    {
        var email = Greeting(member, $"Place freed: {session.Title}, {EventTime.Day(session.StartsAt, session.TimeZoneId)}", "session-dropped")
            .Paragraph($"Your place at the {session.Title} on {EventTime.Describe(session.StartsAt, session.TimeZoneId)} (UK time) is cancelled, " +
                       "so it can go to someone else. You're still registered for every other session.");
        member.CalendarSequence++;
        await InviteAsync(email, subscription, member, cancel: false,
            "The attached update takes this session out of the series in your calendar; the others stay.", cancellationToken);
        YourLink(email, PrivateLink.Issue(db, member, clock.GetUtcNow()));
        db.OutboxMessages.Add(email.Build(Site));
    }

    private async Task SeriesUpdatesAsync(long seriesId, List<string> changes, HashSet<long> alreadyTold, CancellationToken cancellationToken)
    {
        var series = await db.ConversationSpaceSeries.AsNoTracking().SingleAsync(s => s.Id == seriesId, cancellationToken);
        var subscriptions = await db.SeriesSubscriptions.Include(s => s.Members)
            .Where(s => s.SeriesId == seriesId && s.EndedAt == null).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // The joining links of the sessions each person has a place at, for a changed joining link.
        var places = await db.Attendees.AsNoTracking().Include(a => a.Registration).ThenInclude(r => r.Event)
            .Where(a => a.Status == AttendeeStatus.Confirmed && a.Registration.SeriesSubscription!.SeriesId == seriesId
                        && a.Registration.Event.StartsAt > now && a.Registration.Event.Status == EventStatus.Published)
            .ToListAsync(cancellationToken);
        foreach (var subscription in subscriptions)
        foreach (var member in subscription.Members.Where(m => m.LeftAt == null && !alreadyTold.Contains(m.Id)))
        {
            var email = Greeting(member, $"Changed: {series.Title}", "series-changed")
                .Paragraph($"Something has changed in the {series.Title} series you're registered for:")
                .List(changes);
            foreach (var place in places.Where(p => p.Registration.SeriesSubscriptionId == subscription.Id && p.EmailKey == member.EmailKey)
                         .OrderBy(p => p.Registration.Event.StartsAt))
            {
                var session = place.Registration.Event;
                email.Paragraph($"You have a place on {EventTime.When(session)} (UK time).");
                JoiningLink(email, session);
            }
            await InviteAsync(email, subscription, member, cancel: false,
                "The attached update changes the series in your calendar too. Anything else stays as it was.", cancellationToken);
            YourLink(email, PrivateLink.Issue(db, member, now));
            db.OutboxMessages.Add(email.Build(Site));
        }
    }

    private async Task<(SeriesSubscription Subscription, SeriesSubscriber Member)?> MemberAsync(Attendee attendee, CancellationToken cancellationToken)
    {
        if (attendee.Registration.SeriesSubscriptionId is not { } subscriptionId) return null;
        var subscription = await db.SeriesSubscriptions.Include(s => s.Members).SingleAsync(s => s.Id == subscriptionId, cancellationToken);
        var member = subscription.Members.FirstOrDefault(m => m.LeftAt == null && m.EmailKey == attendee.EmailKey);
        return member is null ? null : (subscription, member);
    }

    private void SessionPlace(EmailBuilder email, Event session, Attendee place, int? waitlistPosition)
    {
        var when = $"{EventTime.When(session)} (UK time)";
        if (place.Status == AttendeeStatus.Confirmed)
        {
            email.Paragraph($"You have a place at the {session.Title} on {when}. It's in your calendar already.");
            JoiningLink(email, session);
            email.Paragraph("We'll send the joining link again an hour before the session starts.");
        }
        else
        {
            email.Paragraph($"The {session.Title} on {when} is full, so you're on its waitlist" +
                            (waitlistPosition is { } n ? $": number {n}." : ".") +
                            " If a place comes free it's yours, and we'll email you the joining link straight away.");
        }
    }

    private void FreePlace(EmailBuilder email, string token, Event session, Attendee attendee) =>
        email.Link(attendee.Status == AttendeeStatus.Confirmed
                ? "Can't come this time? One click frees your place for someone else"
                : "Can't come anyway? Take yourself off the waitlist",
            Site.FreePlaceLink(token, session.Id));

    private static void JoiningLink(EmailBuilder email, Event session)
    {
        if (session.IsOnline && !string.IsNullOrWhiteSpace(session.JoiningUrl))
            email.Button(RegistrationNotifier.JoinButtonText, session.JoiningUrl, RegistrationNotifier.JoinButtonNote);
    }

    /// <summary>The live board, from the person's own link: a place's link opens that session's board.</summary>
    private void LiveBoard(EmailBuilder email, string token) =>
        email.Link(RegistrationNotifier.LiveBoardLinkText, Site.BoardJoinLink(token));

    private void YourLink(EmailBuilder email, string token) =>
        email.Link("Your sessions, your needs, or stopping (your own link: please don't share it)", Site.PersonLink(token));

    private async Task InviteAsync(EmailBuilder email, SeriesSubscription subscription, SeriesSubscriber member, bool cancel,
        string explanation, CancellationToken cancellationToken)
    {
        if (await invitations.ForAsync(subscription, member, cancel, cancellationToken) is not { } invitation) return;
        email.Paragraph(explanation).Calendar(invitation.Method, invitation.Content);
    }

    private static EmailBuilder Greeting(SeriesSubscriber member, string subject, string purpose) => Greeting(member.Name, member.Email, subject, purpose);

    private static EmailBuilder Greeting(string name, string address, string subject, string purpose) =>
        new EmailBuilder(address, name, subject, purpose).Paragraph($"Hello {name},")
            .Because("You're getting this because your organisation registered you for every Conversation Space session.");

    private static string Weeks(TimeSpan span) => span.TotalDays % 7 == 0
        ? (span.TotalDays / 7) switch { 1 => "a week", 2 => "two weeks", 3 => "three weeks", 4 => "four weeks", var n => $"{n} weeks" }
        : span.TotalDays >= 1 ? $"{Math.Round(span.TotalDays)} days" : $"{Math.Round(span.TotalHours)} hours";
}
