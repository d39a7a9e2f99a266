using HeartsMinds.Community.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>One organisation's registration of one or more of its people for one event.</summary>
public sealed class Registration
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public Event Event { get; set; } = null!;

    public string OrganisationName { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";

    /// <summary>Made for a "every session" subscription; managed from the subscription's page.</summary>
    public long? SeriesSubscriptionId { get; set; }
    public SeriesSubscription? SeriesSubscription { get; set; }

    /// <summary>From a hidden field on the form: the same key twice (double-click, resubmit) is the same registration.</summary>
    public Guid SubmissionKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public List<Attendee> Attendees { get; set; } = [];
}
