namespace HeartsMinds.Community.Features.Charter;

/// <summary>The regions' names as people write them, for forms, lists, CSVs and charts.</summary>
public static class EnglishRegions
{
    public static readonly IReadOnlyList<EnglishRegion> All = Enum.GetValues<EnglishRegion>();

    public static string Name(EnglishRegion region) => region switch
    {
        EnglishRegion.NorthEast => "North East",
        EnglishRegion.NorthWest => "North West",
        EnglishRegion.YorkshireAndTheHumber => "Yorkshire and the Humber",
        EnglishRegion.EastMidlands => "East Midlands",
        EnglishRegion.WestMidlands => "West Midlands",
        EnglishRegion.EastOfEngland => "East of England",
        EnglishRegion.London => "London",
        EnglishRegion.SouthEast => "South East",
        EnglishRegion.SouthWest => "South West",
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, null),
    };

    /// <summary>A region from a form value (its enum name); false for anything else, including numbers.</summary>
    public static bool TryParse(string? value, out EnglishRegion region) =>
        Enum.TryParse(value, ignoreCase: false, out region) && Enum.IsDefined(region) && !int.TryParse(value, out _);
}
