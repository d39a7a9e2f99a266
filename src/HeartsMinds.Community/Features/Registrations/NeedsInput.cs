using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>One person's access and dietary needs, from the small form beside their name on the private page.</summary>
public sealed class NeedsInput
{
    public const string Prefix = "Needs";

    public string? AccessNeeds { get; set; }
    public string? DietaryNeeds { get; set; }

    /// <summary>Adds a message for each answer that is too long or holds characters we can't store.</summary>
    public void Check(ModelStateDictionary modelState, string personName, bool asksDietaryNeeds)
    {
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
