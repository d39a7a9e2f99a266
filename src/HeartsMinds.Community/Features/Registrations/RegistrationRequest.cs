using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;

namespace HeartsMinds.Community.Features.Registrations;

public sealed record RegistrationRequest(
    long EventId, Guid SubmissionKey, string OrganisationName, string ContactName, string ContactEmail,
    IReadOnlyList<AttendeeDetails> Attendees, long? SeriesSubscriptionId = null);
