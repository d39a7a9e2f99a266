using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Registrations;

public sealed record SubscriptionRequest(
    long SeriesId, Guid SubmissionKey, string OrganisationName, string ContactName, string ContactEmail,
    IReadOnlyList<AttendeeDetails> Members);
