using Microsoft.AspNetCore.Mvc.ModelBinding;
using HeartsMinds.Community.Platform.Web;
using MimeKit;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>The limits and the messages for the registration forms. Each message says what is wrong and what to do.</summary>
public static class FormRules
{
    public const int MaxAttendees = 20;
    public const int MaxName = 200;
    public const int MaxEmail = 254;
    public const int MaxRole = 200;
    public const int MaxNeeds = 2_000;

    /// <summary>
    /// Checks the organisation and contact (unless <paramref name="peopleOnly"/>) and the people, writing messages
    /// under <paramref name="prefix"/> ("Input"), the names the fields were posted with. Rows left completely
    /// empty are dropped first (someone pressed "Add another person" and changed their mind), so the indices in the
    /// messages match the form as it is shown again.
    /// </summary>
    public static void Validate(RegistrationForm form, ModelStateDictionary modelState, bool asksDietaryNeeds,
        string prefix = "Input", bool peopleOnly = false, string noun = "person")
    {
        // Binding errors ("The value 'on' is not valid") are replaced by the plain messages below.
        foreach (var key in modelState.Keys.ToList()) modelState.Remove(key);

        if (!peopleOnly)
        {
            Text(modelState, $"{prefix}.OrganisationName", form.OrganisationName, MaxName,
                "Enter the name of your organisation", "The name of your organisation");
            Text(modelState, $"{prefix}.ContactName", form.ContactName, MaxName, "Enter your name", "Your name");
            Email(modelState, $"{prefix}.ContactEmail", form.ContactEmail, "Enter your email address", "Your email address");
        }

        if (form.Attendees.Count > 1) form.Attendees.RemoveAll(a => a.IsBlank);
        if (form.Attendees.Count == 0) form.Attendees.Add(new AttendeeInput());
        if (form.Attendees.Count > MaxAttendees)
            modelState.AddModelError($"{prefix}.Attendees",
                $"You can register up to {MaxAttendees} people at a time, and this form has {form.Attendees.Count}. " +
                $"Remove {form.Attendees.Count - MaxAttendees}, then send the others in a second form.");

        var firstSeen = new Dictionary<string, int>();
        for (var i = 0; i < form.Attendees.Count; i++)
        {
            var person = form.Attendees[i];
            var who = form.Attendees.Count == 1 ? $"the {noun} coming" : $"{noun} {i + 1}";
            var field = $"{prefix}.Attendees[{i}]";
            Text(modelState, $"{field}.Name", person.Name, MaxName, $"Enter the name of {who}", $"The name of {who}");
            var emailOk = Email(modelState, $"{field}.Email", person.Email, $"Enter the email address of {who}", $"The email address of {who}");
            Text(modelState, $"{field}.Role", person.Role, MaxRole, null, $"The role of {who}");
            Text(modelState, $"{field}.AccessNeeds", person.AccessNeeds, MaxNeeds, null, $"The access needs of {who}", multiLine: true);
            if (asksDietaryNeeds)
                Text(modelState, $"{field}.DietaryNeeds", person.DietaryNeeds, MaxNeeds, null, $"The dietary needs of {who}", multiLine: true);

            if (!emailOk) continue;
            var key = Attendee.KeyOf(person.Email!);
            if (firstSeen.TryGetValue(key, out var earlier))
                modelState.AddModelError($"{field}.Email",
                    $"The email address of {who} is the same as {noun} {earlier + 1}'s. Each {noun} needs their own email address, so that their place and emails are their own.");
            else
                firstSeen[key] = i;
        }

        if (!peopleOnly && !form.Consent)
            modelState.AddModelError($"{prefix}.Consent", "Tick the box to say you've read how we use this information and you're happy to go ahead");
    }

    /// <summary>
    /// An address we can really send to: one @, a plain ASCII local part (so no relay needs SMTPUTF8), and a domain
    /// with at least one dot; and one that MimeKit reads back as exactly itself.
    /// </summary>
    public static bool IsEmailAddress(string email)
    {
        if (email.Length is 0 or > MaxEmail) return false;
        var at = email.IndexOf('@');
        if (at < 1 || at != email.LastIndexOf('@') || at > 64) return false;
        var local = email[..at];
        var domain = email[(at + 1)..];
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..")) return false;
        if (!local.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".Contains(c))) return false;
        var labels = domain.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-')
                                                 || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))) return false;
        if (labels[^1].All(char.IsAsciiDigit)) return false;
        return MailboxAddress.TryParse(email, out var parsed) && parsed.Address == email;
    }

    public static void Text(ModelStateDictionary modelState, string key, string? value, int max, string? whenMissing, string what, bool multiLine = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (whenMissing is not null) modelState.AddModelError(key, whenMissing);
            return;
        }
        if (text.Length > max)
            modelState.AddModelError(key, $"{what} can be at most {max:N0} characters; this one has {text.Length:N0}. Please shorten it.");
        else if (text.Any(c => char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')))
            modelState.AddModelError(key, multiLine
                ? $"{what} contains characters we can't store (invisible control characters). Please type it again."
                : $"{what} should be on one line, without tabs or invisible control characters. Please type it again.");
    }

    public static bool Email(ModelStateDictionary modelState, string key, string? value, string whenMissing, string what)
    {
        var email = value?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            modelState.AddModelError(key, whenMissing);
            return false;
        }
        if (email.Length > MaxEmail)
        {
            modelState.AddModelError(key, $"{what} can be at most {MaxEmail} characters; this one has {email.Length:N0}. Check it and try again.");
            return false;
        }
        if (!IsEmailAddress(email))
        {
            modelState.AddModelError(key, $"{what} doesn't look right. Enter it like name@example.org");
            return false;
        }
        return true;
    }
}
