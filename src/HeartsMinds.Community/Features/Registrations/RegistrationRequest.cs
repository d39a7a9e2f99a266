using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;

namespace HeartsMinds.Community.Features.Registrations;

public sealed record RegistrationRequest(
    long EventId, Guid SubmissionKey, string OrganisationName, string ContactName, string ContactEmail,
    IReadOnlyList<AttendeeDetails> Attendees, long? SeriesSubscriptionId = null)
{
    /// <summary>False when the caller writes its own emails about the places (an every-session registration's welcome).</summary>
    public bool SendEmails { get; init; } = true;
}
