using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// In Development only, and only into an empty database: a year of monthly Conversation Space sessions, a
/// face-to-face community day, and a few registrations from made-up services, so every page has something to show.
/// </summary>
internal sealed class DemoData(IServiceScopeFactory scopes, IHostEnvironment environment, IConfiguration configuration, TimeProvider clock, ILogger<DemoData> logger) : IHostedService
{
    /// <summary>DemoData:Enabled, on in appsettings.Development.json; never honoured outside Development.</summary>
    public const string EnabledKey = "DemoData:Enabled";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || !configuration.GetValue<bool>(EnabledKey)) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        if (await db.ConversationSpaceSeries.AnyAsync(cancellationToken) || await db.Events.AnyAsync(cancellationToken)) return;

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var series = new ConversationSpaceSeries
        {
            Title = "Conversation Space",
            Description = """
                A free, online, monthly meet-up for VCS perinatal mental health services: **a trusted space to come
                together and share learning**.

                Bring a question, a success or a challenge. Sessions are relaxed, with a short theme to start us off
                and plenty of time to talk. Cameras on or off, whatever suits you.
                """,
            WeekOfMonth = 2,
            DayOfWeek = DayOfWeek.Tuesday,
            StartTime = new TimeOnly(12, 30),
            EndTime = new TimeOnly(14, 0),
            StartsOn = today,
            Capacity = 30,
            JoiningUrl = "https://zoom.example/j/0000000000?pwd=demo",
            MonthsAhead = 12,
        };
        db.ConversationSpaceSeries.Add(series);

        var dayOut = MonthlyPattern.DateIn(today.AddMonths(2).Year, today.AddMonths(2).Month, 3, DayOfWeek.Thursday);
        var communityDay = new Event
        {
            Kind = EventKind.InPerson,
            Status = EventStatus.Published,
            Title = "Hearts & Minds community day, Birmingham",
            Description = """
                A day together in person: share what's working, talk through the challenges, and meet the people
                behind other services. Lunch is provided.

                - Welcome and introductions
                - Workshops on sustaining a service and on lived experience
                - Time to connect
                """,
            StartsAt = EventTime.ToInstant(dayOut, new TimeOnly(10, 0), EventTime.UkZoneId),
            EndsAt = EventTime.ToInstant(dayOut, new TimeOnly(15, 30), EventTime.UkZoneId),
            Capacity = 4,
            VenueName = "The Meeting Rooms",
            VenueAddress = "1 Example Street, Birmingham",
            VenuePostcode = "B1 1AA",
            MapUrl = "https://www.openstreetmap.org/search?query=B1%201AA",
            AccessibilityInfo = "Step-free access from the street, a lift to all floors, an accessible toilet and a quiet room.",
            ArrivalNotes = "Come to the main reception; we'll meet you there. Tea and coffee from 9:30.",
            AsksDietaryNeeds = true,
        };
        db.Events.Add(communityDay);
        await db.SaveChangesAsync(cancellationToken);

        await scope.ServiceProvider.GetRequiredService<SeriesPlanner>().FillHorizonAsync(series.Id, cancellationToken);
        var desk = scope.ServiceProvider.GetRequiredService<RegistrationDesk>();
        var nextSession = await db.Events.Where(e => e.SeriesId == series.Id).OrderBy(e => e.StartsAt).FirstAsync(cancellationToken);
        await desk.RegisterAsync(new RegistrationRequest(nextSession.Id, Guid.NewGuid(), "Bright Beginnings Peer Support", "Amira Khan", "amira@brightbeginnings.example",
            [new("Amira Khan", "amira@brightbeginnings.example", "Service lead", null, null), new("Jo Evans", "jo@brightbeginnings.example", "Volunteer coordinator", "Captions, please", null)]), cancellationToken);
        await desk.RegisterAsync(new RegistrationRequest(communityDay.Id, Guid.NewGuid(), "Little Lanterns Family Support", "Sam Okafor", "sam@littlelanterns.example",
            [new("Sam Okafor", "sam@littlelanterns.example", "Director", null, "Vegetarian"), new("Priya Patel", "priya@littlelanterns.example", "Peer supporter", "Step-free access", null),
             new("Ellie Morgan", "ellie@littlelanterns.example", "Volunteer", null, "Gluten free")]), cancellationToken);
        await desk.RegisterAsync(new RegistrationRequest(communityDay.Id, Guid.NewGuid(), "Mothers Together Leeds", "Grace Lee", "grace@motherstogether.example",
            [new("Grace Lee", "grace@motherstogether.example", "Founder", null, null), new("Hannah Wood", "hannah@motherstogether.example", "Trustee", null, null)]), cancellationToken);

        logger.LogInformation("Seeded demo data: a Conversation Space series, a community day and a few registrations");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
