using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Platform;

/// <summary>New rows take their CreatedAt and UpdatedAt from the app's clock, so a test's clock governs them.</summary>
public sealed class ClockTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private readonly CommunityAppFactory _app;

    public ClockTests() => _app = new CommunityAppFactory().WithClock(_clock);

    public Task InitializeAsync() => _app.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Events_registrations_attendees_and_emails_are_created_at_the_apps_time()
    {
        var then = new DateTimeOffset(DateTimeOffset.UtcNow.Year + 1, 3, 1, 9, 0, 0, TimeSpan.Zero);
        _clock.Set(then);
        var ev = await _app.CreateAsync(startsAt: then.AddDays(10));

        var registration = Assert.IsType<RegistrationOutcome.Registered>(
            await _app.RegisterAsync(TestEvents.Request(ev.Id, "Clockwork", "tick@clockwork.example"))).Registration;

        var stamps = await _app.WithDbAsync(async db => new[]
        {
            (await db.Events.SingleAsync(e => e.Id == ev.Id)).CreatedAt,
            (await db.Events.SingleAsync(e => e.Id == ev.Id)).UpdatedAt,
            (await db.Registrations.SingleAsync(r => r.Id == registration.Id)).CreatedAt,
            (await db.Attendees.SingleAsync(a => a.RegistrationId == registration.Id)).CreatedAt,
            (await db.OutboxMessages.FirstAsync(m => m.ToAddress == "tick@clockwork.example")).CreatedAt,
        });
        Assert.All(stamps, stamp => Assert.Equal(then, stamp));
    }
}
