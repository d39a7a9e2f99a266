using HeartsMinds.Community.Features.Events;

namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>One person's row at the door, with what the swap needs to keep the page's counts right.</summary>
public sealed record CheckInRow(Event Event, Attendee Attendee, string? Query, int Total, int CheckedIn);
