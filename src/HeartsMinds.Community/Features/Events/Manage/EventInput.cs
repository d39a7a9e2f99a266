using HeartsMinds.Community.Platform.Web;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HeartsMinds.Community.Features.Events.Manage;

/// <summary>
/// The face-to-face event form. Lengths match the database columns (EventConfiguration); times are typed in UK time.
/// </summary>
public sealed class EventInput
{
    public const string Prefix = "Input";

    /// <summary>The form's fields in page order, so the error summary lists problems top to bottom.</summary>
    public static readonly string[] FieldOrder = [.. new[]
    {
        nameof(Title), nameof(Description), nameof(Date), nameof(StartTime), nameof(EndTime), nameof(VenueName),
        nameof(VenueAddress), nameof(VenuePostcode), nameof(MapUrl), nameof(AccessibilityInfo), nameof(ArrivalNotes),
        nameof(Capacity), nameof(RegistrationOpensAt), nameof(RegistrationClosesAt),
    }.Select(f => $"{Prefix}.{f}")];

    [Required(ErrorMessage = "Enter a title")]
    [StringLength(200, ErrorMessage = "The title can be at most 200 characters")]
    [Display(Name = "Title")]
    [SingleLine]
    public string? Title { get; set; }

    [StringLength(20_000, ErrorMessage = "The description can be at most 20,000 characters")]
    [Display(Name = "Description")]
    public string? Description { get; set; }

    [Display(Name = "Date")]
    public string? Date { get; set; }

    [Display(Name = "Start time")]
    public string? StartTime { get; set; }

    [Display(Name = "End time")]
    public string? EndTime { get; set; }

    [Required(ErrorMessage = "Enter the name of the venue")]
    [StringLength(200, ErrorMessage = "The venue name can be at most 200 characters")]
    [Display(Name = "Venue name")]
    [SingleLine]
    public string? VenueName { get; set; }

    [Required(ErrorMessage = "Enter the venue's address")]
    [StringLength(1_000, ErrorMessage = "The address can be at most 1,000 characters")]
    [Display(Name = "Address")]
    public string? VenueAddress { get; set; }

    [StringLength(10, ErrorMessage = "A postcode can be at most 10 characters, like B1 1AA")]
    [RegularExpression(@"^\s*[A-Za-z0-9 ]*\s*$", ErrorMessage = "A postcode has only letters, numbers and spaces, like B1 1AA")]
    [Display(Name = "Postcode (optional)")]
    [SingleLine]
    public string? VenuePostcode { get; set; }

    [StringLength(2_000, ErrorMessage = "The map link can be at most 2,000 characters")]
    [Display(Name = "Map link (optional)")]
    [SingleLine]
    public string? MapUrl { get; set; }

    [StringLength(4_000, ErrorMessage = "Accessibility information can be at most 4,000 characters")]
    [Display(Name = "Accessibility information")]
    public string? AccessibilityInfo { get; set; }

    [StringLength(4_000, ErrorMessage = "Arrival notes can be at most 4,000 characters")]
    [Display(Name = "Arrival notes")]
    public string? ArrivalNotes { get; set; }

    [Required(ErrorMessage = "Enter the number of places")]
    [Range(0, 10_000, ErrorMessage = "Places must be a whole number from 0 to 10,000")]
    [Display(Name = "Places")]
    public int? Capacity { get; set; }

    public bool WaitlistEnabled { get; set; } = true;
    public bool AsksDietaryNeeds { get; set; }

    [Display(Name = "Registration opens (optional)")]
    public string? RegistrationOpensAt { get; set; }

    [Display(Name = "Registration closes (optional)")]
    public string? RegistrationClosesAt { get; set; }

    public static EventInput From(Event ev) => new()
    {
        Title = ev.Title,
        Description = ev.Description,
        Date = ManageForm.DateValue(ev.StartsAt, ev.TimeZoneId),
        StartTime = ManageForm.TimeValue(ev.StartsAt, ev.TimeZoneId),
        EndTime = ManageForm.TimeValue(ev.EndsAt, ev.TimeZoneId),
        VenueName = ev.VenueName,
        VenueAddress = ev.VenueAddress,
        VenuePostcode = ev.VenuePostcode,
        MapUrl = ev.MapUrl,
        AccessibilityInfo = ev.AccessibilityInfo,
        ArrivalNotes = ev.ArrivalNotes,
        Capacity = ev.Capacity,
        WaitlistEnabled = ev.WaitlistEnabled,
        AsksDietaryNeeds = ev.AsksDietaryNeeds,
        RegistrationOpensAt = ManageForm.DateTimeValue(ev.RegistrationOpensAt, ev.TimeZoneId),
        RegistrationClosesAt = ManageForm.DateTimeValue(ev.RegistrationClosesAt, ev.TimeZoneId),
    };

    public sealed record Times(DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt);

    /// <summary>
    /// The checks attributes can't make (dates, times, links, the order of things). Returns the instants when every
    /// answer is usable. <paramref name="existing"/> is the event being edited, whose past times may stay as they are.
    /// </summary>
    public Times? Check(ModelStateDictionary state, DateTimeOffset now, Event? existing)
    {
        ManageForm.ExplainBadNumbers(state, ($"{Prefix}.{nameof(Capacity)}", "Enter the number of places as a number, like 40"));
        const string zone = EventTime.UkZoneId;
        var date = ManageForm.Date(state, Key(nameof(Date)), Date, "the date of the event");
        var start = ManageForm.Time(state, Key(nameof(StartTime)), StartTime, "the start time");
        var end = ManageForm.Time(state, Key(nameof(EndTime)), EndTime, "the end time");
        if (start is not null && end is not null && end <= start)
            state.AddModelError(Key(nameof(EndTime)), "The end time must be after the start time");
        if (!string.IsNullOrWhiteSpace(MapUrl) && !ManageForm.IsWebAddress(MapUrl.Trim()))
            state.AddModelError(Key(nameof(MapUrl)), "Enter the map link as a full web address starting with https://, or leave it empty");
        var opens = ManageForm.OptionalLocalDateTime(state, Key(nameof(RegistrationOpensAt)), RegistrationOpensAt, "when registration opens", zone);
        var closes = ManageForm.OptionalLocalDateTime(state, Key(nameof(RegistrationClosesAt)), RegistrationClosesAt, "when registration closes", zone);
        if (opens is not null && closes is not null && closes <= opens)
            state.AddModelError(Key(nameof(RegistrationClosesAt)), "Registration must close after it opens");
        if (date is null || start is null || end is null || end <= start) return null;

        var startsAt = EventTime.ToInstant(date.Value, start.Value, zone);
        var endsAt = EventTime.ToInstant(date.Value, end.Value, zone);
        var timesChanged = existing is null || existing.StartsAt != startsAt || existing.EndsAt != endsAt;
        if (timesChanged && startsAt <= now)
            state.AddModelError(Key(nameof(Date)), "The event must start in the future: check the date and start time");
        if (opens is not null && opens >= startsAt)
            state.AddModelError(Key(nameof(RegistrationOpensAt)), "Registration must open before the event starts");
        return state.IsValid ? new Times(startsAt, endsAt, opens, closes) : null;
    }

    public void ApplyTo(Event ev, Times times)
    {
        ev.Kind = EventKind.InPerson;
        ev.Title = Title!.Trim();
        ev.Description = Description?.Trim() ?? "";
        ev.StartsAt = times.StartsAt;
        ev.EndsAt = times.EndsAt;
        ev.TimeZoneId = EventTime.UkZoneId;
        ev.VenueName = FormText.Tidy(VenueName);
        ev.VenueAddress = FormText.Tidy(VenueAddress);
        ev.VenuePostcode = FormText.Tidy(VenuePostcode)?.ToUpperInvariant();
        ev.MapUrl = FormText.Tidy(MapUrl);
        ev.AccessibilityInfo = FormText.Tidy(AccessibilityInfo);
        ev.ArrivalNotes = FormText.Tidy(ArrivalNotes);
        ev.WaitlistEnabled = WaitlistEnabled;
        ev.AsksDietaryNeeds = AsksDietaryNeeds;
        ev.RegistrationOpensAt = times.OpensAt;
        ev.RegistrationClosesAt = times.ClosesAt;
    }

    private static string Key(string field) => $"{Prefix}.{field}";
}
