namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// What the Charter sign-up form asks (and the preferences page's "your details", without the statement).
/// Nullable, so ASP.NET adds no messages of its own: <see cref="CharterFormRules"/> writes them all.
/// </summary>
public sealed class SignatoryForm
{
    public string? OrganisationName { get; set; }
    public string? ContactName { get; set; }
    public string? Role { get; set; }
    public string? Email { get; set; }
    public string? Region { get; set; }
    public string? Postcode { get; set; }
    public string? Website { get; set; }
    public string? Description { get; set; }
    public bool ListedPublicly { get; set; }
    public bool Agrees { get; set; }

    public static SignatoryForm From(Signatory signatory) => new()
    {
        OrganisationName = signatory.OrganisationName,
        ContactName = signatory.ContactName,
        Role = signatory.Role,
        Email = signatory.Email,
        Region = signatory.Region.ToString(),
        Postcode = signatory.Postcode,
        Website = signatory.Website,
        Description = signatory.Description,
        ListedPublicly = signatory.ListedPublicly,
    };
}
