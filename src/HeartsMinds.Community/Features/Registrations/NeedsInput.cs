using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// One person's details from the small form beside their name on a private page: their access and dietary needs,
/// and on the contact's page their name and email address too (null when the form doesn't ask).
/// </summary>
public sealed class NeedsInput
{
    public const string Prefix = "Needs";

    public string? Name { get; set; }
    public string? Email { get; set; }

    public string? AccessNeeds { get; set; }
    public string? DietaryNeeds { get; set; }

    /// <summary>Adds a message for each answer that is too long or holds characters we can't store.</summary>
    public void Check(ModelStateDictionary modelState, string personName, bool asksDietaryNeeds)
    {
        if (Name is not null)
            FormRules.Text(modelState, $"{Prefix}.{nameof(Name)}", Name, FormRules.MaxName, $"Enter {personName}'s name", $"{personName}'s name");
        if (Email is not null)
            FormRules.Email(modelState, $"{Prefix}.{nameof(Email)}", Email, $"Enter {personName}'s email address", $"{personName}'s email address");
        Check(modelState, $"{Prefix}.{nameof(AccessNeeds)}", AccessNeeds, $"{personName}'s access needs");
        if (asksDietaryNeeds) Check(modelState, $"{Prefix}.{nameof(DietaryNeeds)}", DietaryNeeds, $"{personName}'s dietary needs");
    }

    private static void Check(ModelStateDictionary modelState, string key, string? value, string what)
    {
        var text = value?.Trim() ?? "";
        if (text.Length > FormRules.MaxNeeds)
            modelState.AddModelError(key, $"{what} can be at most {FormRules.MaxNeeds:N0} characters; this has {text.Length:N0}. Please shorten it.");
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            modelState.AddModelError(key, $"{what} contain characters we can't store (invisible control characters). Please type them again.");
    }
}
