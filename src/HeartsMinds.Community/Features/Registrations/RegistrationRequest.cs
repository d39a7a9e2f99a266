using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;

namespace HeartsMinds.Community.Features.Registrations;

/// <param name="ByStaff">Made by staff (a phone booking, a walk-in): allowed outside the public registration window, see <see cref="RegistrationDesk.RegisterAsync"/>.</param>
/// <param name="SendEmails">False for a walk-in who asked not to be emailed: the registration writes nothing to the outbox.</param>
public sealed record RegistrationRequest(
    long EventId, Guid SubmissionKey, string OrganisationName, string ContactName, string ContactEmail,
    IReadOnlyList<AttendeeDetails> Attendees, long? SeriesSubscriptionId = null, bool ByStaff = false, bool SendEmails = true);
