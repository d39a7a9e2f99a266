namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// A message staff wrote to everyone coming to an event (or everyone waiting), sent as one email per person through
/// the outbox. Its submission key is unique, so the same form sent twice sends once; it also records what was sent.
/// </summary>
public sealed class StaffMessage
{
    public long Id { get; set; }
    public long EventId { get; set; }

    /// <summary>From a hidden field on the confirm step: the same key twice is the same message.</summary>
    public Guid SubmissionKey { get; set; }

    public StaffMessageAudience Audience { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";

    /// <summary>How many people it was sent to.</summary>
    public int Recipients { get; set; }

    /// <summary>The staff member's email address, for the record.</summary>
    public string SentBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
