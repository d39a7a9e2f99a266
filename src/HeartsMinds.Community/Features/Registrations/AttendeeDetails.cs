using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;

namespace HeartsMinds.Community.Features.Registrations;

public sealed record AttendeeDetails(string Name, string Email, string? Role, string? AccessNeeds, string? DietaryNeeds);
