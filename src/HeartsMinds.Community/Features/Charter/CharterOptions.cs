namespace HeartsMinds.Community.Features.Charter;

/// <summary>Charter: settings for the Charter's public pages.</summary>
public sealed class CharterOptions
{
    public const string Section = "Charter";

    /// <summary>
    /// Where a service asks to be on the Partnership's map of quality services (signing the Charter doesn't put it
    /// there). Unset: the pages tell people to write to Site:ContactEmail.
    /// </summary>
    public string? MapOfServicesUrl { get; set; }
}
