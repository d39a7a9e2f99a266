using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Infrastructure;

/// <summary>Events and registrations made straight through the app's own classes, for tests about what follows.</summary>
public static class TestEvents
{
    public static async Task<Event> CreateAsync(this CommunityAppFactory app, int capacity = 20, bool waitlist = true,
        EventKind kind = EventKind.InPerson, EventStatus status = EventStatus.Published, DateTimeOffset? startsAt = null,
        Action<Event>? change = null)
    {
        var start = startsAt ?? DateTimeOffset.UtcNow.AddDays(14);
        var ev = new Event
        {
            Kind = kind,
            Status = status,
            Title = kind == EventKind.InPerson ? "Community day in Birmingham" : "Conversation Space",
            Description = "A chance to **share learning**.",
            StartsAt = start,
            EndsAt = start.AddHours(2),
            Capacity = capacity,
            WaitlistEnabled = waitlist,
            JoiningUrl = kind == EventKind.ConversationSpace ? "https://zoom.example/j/secret-joining-link" : null,
            VenueName = kind == EventKind.InPerson ? "The Community Hall" : null,
            VenueAddress = kind == EventKind.InPerson ? "1 High Street, Birmingham" : null,
            VenuePostcode = kind == EventKind.InPerson ? "B1 1AA" : null,
            AsksDietaryNeeds = kind == EventKind.InPerson,
        };
        change?.Invoke(ev);
        return await app.WithDbAsync(async db =>
        {
            db.Events.Add(ev);
            await db.SaveChangesAsync();
            return ev;
        });
    }

    public static RegistrationRequest Request(long eventId, string organisation, params string[] attendeeEmails) =>
        new(eventId, Guid.NewGuid(), organisation, "Contact at " + organisation, $"contact@{Slug(organisation)}.example",
            attendeeEmails.Select(e => new AttendeeDetails("Person " + e.Split('@')[0], e, "Volunteer", null, null)).ToList());

    public static async Task<RegistrationOutcome> RegisterAsync(this CommunityAppFactory app, RegistrationRequest request)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RegistrationDesk>().RegisterAsync(request);
    }

    public static async Task<T> WithDeskAsync<T>(this CommunityAppFactory app, Func<RegistrationDesk, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<RegistrationDesk>());
    }

    private static string Slug(string text) => new(text.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
}
