using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>The Charter form's limits and messages, in the same words as the registration forms (<see cref="FormRules"/>).</summary>
public static class CharterFormRules
{
    public const int MaxPostcode = 10;
    public const int MaxWebsite = 500;
    public const int MaxDescription = 1_000;

    public const string Statement =
        "On behalf of my organisation, I sign up to The Hearts and Minds Charter as an expression of goodwill and in alignment with its shared vision and values.";

    public static readonly string[] FieldOrder =
    [
        "Input.OrganisationName", "Input.ContactName", "Input.Role", "Input.Email", "Input.Region", "Input.Postcode",
        "Input.Website", "Input.Description", "Input.ListedPublicly", "Input.Agrees",
    ];

    /// <summary>Checks the form, writing messages under "Input."; <paramref name="signing"/> also asks for the statement.</summary>
    public static void Validate(SignatoryForm form, ModelStateDictionary modelState, bool signing)
    {
        // Binding errors ("The value 'on' is not valid") are replaced by the plain messages below.
        foreach (var key in modelState.Keys.ToList()) modelState.Remove(key);

        FormRules.Text(modelState, "Input.OrganisationName", form.OrganisationName, FormRules.MaxName,
            "Enter the name of your organisation", "The name of your organisation");
        FormRules.Text(modelState, "Input.ContactName", form.ContactName, FormRules.MaxName, "Enter your name", "Your name");
        FormRules.Text(modelState, "Input.Role", form.Role, FormRules.MaxRole, null, "Your role");
        FormRules.Email(modelState, "Input.Email", form.Email, "Enter your email address", "Your email address");
        if (string.IsNullOrWhiteSpace(form.Region))
            modelState.AddModelError("Input.Region", "Choose the region of England your organisation works in");
        else if (!EnglishRegions.TryParse(form.Region, out _))
            modelState.AddModelError("Input.Region", "Choose one of the nine regions of England from the list");
        FormRules.Text(modelState, "Input.Postcode", form.Postcode, MaxPostcode, null, "The postcode");
        if (FormText.Tidy(form.Postcode) is { } postcode && !postcode.All(c => char.IsAsciiLetterOrDigit(c) || c == ' '))
            modelState.AddModelError("Input.Postcode", "The postcode should be letters and numbers only, like B1 1AA. You can leave it out.");
        FormRules.Text(modelState, "Input.Website", form.Website, MaxWebsite, null, "Your website address");
        if (FormText.Tidy(form.Website) is { } website && WebsiteUrl(website) is null)
            modelState.AddModelError("Input.Website", "Your website address doesn't look right. Enter it like https://www.example.org.uk, or leave it out.");
        FormRules.Text(modelState, "Input.Description", form.Description, MaxDescription, null, "The description of your service", multiLine: true);
        if (signing && !form.Agrees)
            modelState.AddModelError("Input.Agrees", "Tick the box to sign up to the Charter on behalf of your organisation");
    }

    /// <summary>A website as a full http(s) address ("www.example.org" gains "https://"), or null if it isn't one.</summary>
    public static string? WebsiteUrl(string? text)
    {
        var value = FormText.Tidy(text);
        if (value is null) return null;
        if (!value.Contains("://", StringComparison.Ordinal)) value = "https://" + value;
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && uri.Host.Contains('.') && !value.Any(char.IsWhiteSpace) && value.Length <= MaxWebsite
            ? uri.AbsoluteUri : null;
    }

    /// <summary>The region options for the select, a "Choose" prompt first.</summary>
    public static IEnumerable<(string Value, string Text)> RegionOptions =>
        new[] { ("", "Choose a region") }.Concat(EnglishRegions.All.Select(r => (r.ToString(), EnglishRegions.Name(r))));

    /// <summary>Copies the (valid) form onto the signatory.</summary>
    public static void CopyTo(SignatoryForm form, Signatory signatory)
    {
        signatory.OrganisationName = form.OrganisationName!.Trim();
        signatory.ContactName = form.ContactName!.Trim();
        signatory.Role = FormText.Tidy(form.Role);
        signatory.Email = form.Email!.Trim();
        signatory.EmailKey = Signatory.KeyOf(form.Email!);
        EnglishRegions.TryParse(form.Region, out var region);
        signatory.Region = region;
        signatory.Postcode = FormText.Tidy(form.Postcode)?.ToUpperInvariant();
        signatory.Website = WebsiteUrl(form.Website);
        signatory.Description = FormText.Tidy(form.Description);
        signatory.ListedPublicly = form.ListedPublicly;
    }
}
