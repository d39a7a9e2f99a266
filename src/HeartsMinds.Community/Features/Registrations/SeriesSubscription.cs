using HeartsMinds.Community.Features.Events;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>An organisation's standing registration for every Conversation Space session of a series.</summary>
public sealed class SeriesSubscription
{
    public long Id { get; set; }
    public long SeriesId { get; set; }
    public ConversationSpaceSeries Series { get; set; } = null!;

    public string OrganisationName { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public Guid SubmissionKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public List<SeriesSubscriber> Members { get; set; } = [];
}
