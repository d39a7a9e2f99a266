namespace HeartsMinds.Community.Features.Charter;

/// <summary>The nine regions of England (ITL1), in their usual order from north to south.</summary>
public enum EnglishRegion
{
    NorthEast,
    NorthWest,
    YorkshireAndTheHumber,
    EastMidlands,
    WestMidlands,
    EastOfEngland,
    London,
    SouthEast,
    SouthWest,
}
