using HeartsMinds.Community.Features.Events;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// What the private page shows for a registration for one event (the _OneRegistration partial): who is coming, who
/// was cancelled, whether people can still be added, and whether the joining link may be shown.
/// </summary>
public sealed record RegistrationPlaces(Registration Registration, DateTimeOffset Now, Availability Availability)
{
    public Event Event => Registration.Event;

    /// <summary>People still coming or waiting, in the order they were registered.</summary>
    public IReadOnlyList<Attendee> People { get; } = Ordered(Registration).Where(a => a.Status != AttendeeStatus.Cancelled).ToList();

    public IReadOnlyList<Attendee> CancelledPeople { get; } = Ordered(Registration).Where(a => a.Status == AttendeeStatus.Cancelled).ToList();

    /// <summary>Places can still be changed: the event is neither over nor cancelled.</summary>
    public bool CanChange => Event.EndsAt > Now && Event.Status != EventStatus.Cancelled;

    /// <summary>The joining link is for people with a place only: shown when at least one person here has one.</summary>
    public bool ShowsJoiningLink =>
        Event.IsOnline && !string.IsNullOrWhiteSpace(Event.JoiningUrl) && Event.Status == EventStatus.Published && Event.EndsAt > Now
        && People.Any(a => a.Status == AttendeeStatus.Confirmed);

    public static async Task<RegistrationPlaces> LoadAsync(Registration registration, RegistrationDesk desk, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        new(registration, now,
            PublicEvents.AvailabilityOf(registration.Event, await desk.PlacesLeftAsync(registration.Event, cancellationToken), now));

    private static IEnumerable<Attendee> Ordered(Registration registration) =>
        registration.Attendees.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id);
}
