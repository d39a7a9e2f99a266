using Microsoft.AspNetCore.Mvc.ModelBinding;
using HeartsMinds.Community.Platform.Web;
using MimeKit;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// What the public registration forms ask: the organisation, its contact, and the people coming. Used by the form
/// for one event, by "every Conversation Space session", and (people only) by "add people" on the manage page.
/// Properties are nullable so that ASP.NET adds no "field is required" messages of its own: <see cref="FormRules"/>
/// writes every message, in plain words and naming the person a message is about.
/// </summary>
public sealed class RegistrationForm
{
    public string? OrganisationName { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public List<AttendeeInput> Attendees { get; set; } = [];
    public bool Consent { get; set; }

    public IReadOnlyList<AttendeeDetails> ToDetails(bool asksDietaryNeeds) =>
        Attendees.Select(a => new AttendeeDetails(a.Name!.Trim(), a.Email!.Trim(), FormText.Tidy(a.Role), FormText.Tidy(a.AccessNeeds),
            asksDietaryNeeds ? FormText.Tidy(a.DietaryNeeds) : null)).ToList();
}
