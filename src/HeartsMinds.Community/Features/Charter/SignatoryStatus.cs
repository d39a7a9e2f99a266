namespace HeartsMinds.Community.Features.Charter;

/// <summary>Pending until the confirmation link is followed; Withdrawn when they (or staff, on request) withdraw.</summary>
public enum SignatoryStatus { Pending, Confirmed, Withdrawn }
