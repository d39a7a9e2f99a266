namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>A delivery as a sender claimed it, with whether its signatory still wants the newsletter at that moment.</summary>
public sealed record ClaimedDelivery(long Id, long NewsletterId, string ToAddress, string ToName, string OrganisationName,
    string? LinkToken, Guid MessageId, int Attempts, bool StillWanted);
