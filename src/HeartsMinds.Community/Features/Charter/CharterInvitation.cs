namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// One event invitation written for one signatory: the unique (signatory, event) key makes the invitation job send
/// each at most once, however often and on however many instances it runs.
/// </summary>
public sealed class CharterInvitation
{
    public long Id { get; set; }
    public long SignatoryId { get; set; }
    public long EventId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
