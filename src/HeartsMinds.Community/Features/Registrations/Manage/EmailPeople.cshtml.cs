using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Events.Manage;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// Staff email everyone coming to an event, or everyone waiting. Write, then preview (the email as it will be sent, and
/// how many people get it), then send: one email per person through the outbox. The submission key makes the same
/// confirm sent twice send once, guarded by a unique key in the database.
/// </summary>
public sealed class EmailPeopleModel(CommunityDb db, IOptions<SiteOptions> site, OutboxSignal signal, IPlaceCounter counter) : CommunityPageModel
{
    public static readonly string[] FieldOrder = ["Audience", "Subject", "Message"];

    public Event Event { get; private set; } = null!;
    public PlaceCounts Counts { get; private set; } = null!;

    [BindProperty] public string? Audience { get; set; } = "coming";
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Message { get; set; }
    [BindProperty] public string? SubmissionKey { get; set; }

    /// <summary>Set once the message has been checked: the email the first person will get, and how many get one.</summary>
    public OutboxMessage? Preview { get; private set; }
    public int Recipients { get; private set; }

    public StaffMessageAudience Chosen => Audience == "waiting" ? StaffMessageAudience.Waiting : StaffMessageAudience.Coming;

    public IEnumerable<(string Value, string Text)> AudienceOptions =>
    [
        ("coming", $"Everyone with a place ({Counts.Confirmed})"),
        ("waiting", $"Everyone on the waitlist ({Counts.Waitlisted})"),
    ];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Request.Query["audience"] == "waiting") Audience = "waiting";
        SubmissionKey = Guid.NewGuid().ToString();
        return Page();
    }

    /// <summary>Shows the email as it will be sent and who gets it; nothing is sent yet.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!Guid.TryParse(SubmissionKey, out var key) || key == Guid.Empty) SubmissionKey = Guid.NewGuid().ToString();
        var recipients = await CheckAsync(cancellationToken);
        if (!ModelState.IsValid) return BadRequestPage();
        Recipients = recipients.Count;
        var first = recipients[0];
        Preview = StaffMessageEmail.Compose(Event, site.Value, Chosen, first.Email, first.Name, Subject!.Trim(), Message!.Trim());
        return Page();
    }

    /// <summary>Sends, once: one outbox row per person and the record of the message, in one commit.</summary>
    public async Task<IActionResult> OnPostSendAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!Guid.TryParse(SubmissionKey, out var key) || key == Guid.Empty)
        {
            SubmissionKey = Guid.NewGuid().ToString();
            return Refuse("Something was missing from the form when it was sent. Preview the message again, then send it.");
        }
        if (await EarlierAsync(key, cancellationToken) is { } earlier) return Sent(earlier, repeat: true);

        var recipients = await CheckAsync(cancellationToken);
        if (!ModelState.IsValid) return BadRequestPage();

        var subject = Subject!.Trim();
        var body = Message!.Trim();
        var message = new StaffMessage
        {
            EventId = Event.Id, SubmissionKey = key, Audience = Chosen, Subject = subject, Body = body,
            Recipients = recipients.Count, SentBy = User.Identity?.Name ?? "",
        };
        db.StaffMessages.Add(message);
        foreach (var person in recipients)
            db.OutboxMessages.Add(StaffMessageEmail.Compose(Event, site.Value, Chosen, person.Email, person.Name, subject, body));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same confirm, sent twice at once: the other one sent it (and its emails); these were never saved.
            db.ChangeTracker.Clear();
            return Sent((await EarlierAsync(key, cancellationToken))!, repeat: true);
        }
        signal.Wake();
        return Sent(message, repeat: false);
    }

    private IActionResult Sent(StaffMessage message, bool repeat)
    {
        var who = message.Audience == StaffMessageAudience.Coming ? "with a place" : "on the waitlist";
        TempData["Notice"] = repeat
            ? $"“{message.Subject}” was already sent to the {message.Recipients} {(message.Recipients == 1 ? "person" : "people")} {who}; it wasn't sent again."
            : $"“{message.Subject}” is on its way to the {message.Recipients} {(message.Recipients == 1 ? "person" : "people")} {who}.";
        return SeeOther($"/manage/events/{Event.Id}/registrations");
    }

    private Task<StaffMessage?> EarlierAsync(Guid key, CancellationToken cancellationToken) =>
        db.StaffMessages.AsNoTracking().SingleOrDefaultAsync(m => m.SubmissionKey == key && m.EventId == Event.Id, cancellationToken);

    /// <summary>Checks the form and returns who gets the message, one per person, by name.</summary>
    private async Task<List<Attendee>> CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var field in ModelState.Keys.ToList()) ModelState.Remove(field);
        if (Audience is not ("coming" or "waiting")) ModelState.AddModelError("Audience", "Choose who gets the message");
        FormCheck("Subject", Subject, StaffMessageEmail.MaxSubject, "Enter a subject", "The subject", multiLine: false);
        FormCheck("Message", Message, StaffMessageEmail.MaxBody, "Write the message", "The message", multiLine: true);
        if (Event.Status == EventStatus.Cancelled)
            ModelState.AddModelError(string.Empty, "This event has been cancelled, and everyone registered was told then. To write to them, use your own email.");

        var status = Chosen == StaffMessageAudience.Coming ? AttendeeStatus.Confirmed : AttendeeStatus.Waitlisted;
        var recipients = await db.Attendees.AsNoTracking().Where(a => a.EventId == Event.Id && a.Status == status)
            .OrderBy(a => a.Name).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        if (ModelState.IsValid && recipients.Count == 0)
            ModelState.AddModelError("Audience", Chosen == StaffMessageAudience.Coming ? "Nobody has a place yet, so there's nobody to email" : "Nobody is on the waitlist, so there's nobody to email");
        return recipients;
    }

    private void FormCheck(string key, string? value, int max, string whenMissing, string what, bool multiLine)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) ModelState.AddModelError(key, whenMissing);
        else if (text.Length > max) ModelState.AddModelError(key, $"{what} can be at most {max:N0} characters; this one has {text.Length:N0}. Please shorten it.");
        else if (text.Any(c => char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')))
            ModelState.AddModelError(key, multiLine
                ? $"{what} contains characters we can't send (invisible control characters). Please type it again."
                : $"{what} should be on one line, without tabs or invisible control characters. Please type it again.");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ev is null) return false;
        Event = ev;
        Counts = await counter.ForAsync(ev, cancellationToken);
        return true;
    }
}
