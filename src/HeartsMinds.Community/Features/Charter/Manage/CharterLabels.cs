namespace HeartsMinds.Community.Features.Charter.Manage;

/// <summary>How staff pages and the CSV name a signatory's status.</summary>
public static class CharterLabels
{
    public static string Status(SignatoryStatus status) => status switch
    {
        SignatoryStatus.Pending => "Pending",
        SignatoryStatus.Confirmed => "Confirmed",
        SignatoryStatus.Withdrawn => "Withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string StatusTag(SignatoryStatus status) => status switch
    {
        SignatoryStatus.Confirmed => "tag tag--open",
        SignatoryStatus.Withdrawn => "tag tag--full",
        _ => "tag",
    };

    /// <summary>The filter's value for a status ("pending"), as it appears in addresses.</summary>
    public static string Value(SignatoryStatus status) => status.ToString().ToLowerInvariant();
}
