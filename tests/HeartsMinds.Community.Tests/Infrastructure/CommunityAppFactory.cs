using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Infrastructure;

/// <summary>
/// The real app on a real PostgreSQL database of its own. Use it as an xunit class fixture
/// (<c>IClassFixture&lt;CommunityAppFactory&gt;</c>), or create one per instance when a test needs several
/// instances on one database (<see cref="ForDatabase"/>).
/// </summary>
public class CommunityAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.heartsminds.local";
    public const string AdminPassword = "correct horse battery staple";

    private readonly Dictionary<string, string?> _settings = new();
    private bool _ownsDatabase = true;
    private TimeProvider? _clock;

    public string ConnectionString { get; private set; } = "";

    /// <summary>A second (third, ...) app instance on the same database as another factory.</summary>
    public static CommunityAppFactory ForDatabase(string connectionString) =>
        new() { ConnectionString = connectionString, _ownsDatabase = false };

    /// <summary>Sets a configuration value (use ':' separators) before the app starts.</summary>
    public CommunityAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>The app reads the time from <paramref name="clock"/> (for example a <see cref="TestClock"/>) instead of the system.</summary>
    public CommunityAppFactory WithClock(TimeProvider clock)
    {
        _clock = clock;
        return this;
    }

    public virtual async Task InitializeAsync()
    {
        if (ConnectionString.Length == 0)
            ConnectionString = await TestDatabases.CreateMigratedAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_ownsDatabase && ConnectionString.Length > 0)
            await TestDatabases.DropAsync(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Community"] = ConnectionString,
            ["Staff:BootstrapAdmin:Email"] = AdminEmail,
            ["Staff:BootstrapAdmin:Password"] = AdminPassword,
            ["Site:BaseUrl"] = "https://localhost",
            // Short cluster timings so that cluster tests finish quickly.
            ["Scheduling:ClusterCheckinInterval"] = "00:00:02",
            ["Scheduling:IdleWaitTime"] = "00:00:01",
            ["RateLimits:PublicPostsPerMinute"] = "1000",
            ["DemoData:Enabled"] = "false",
        };
        foreach (var (key, value) in _settings) settings[key] = value;
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        // What ConfigureAppConfiguration adds is seen only once the app is built, after Program.cs has registered its
        // services; host settings reach WebApplication.CreateBuilder at once. So a setting read while registering
        // (ConnectionStrings:Redis picks the SignalR backplane) is passed that way too.
        foreach (var (key, value) in _settings)
            if (value is not null) builder.UseSetting(key, value);
        builder.ConfigureTestServices(KeepQuartzLoggingOutOfTheHost);
        if (_clock is { } clock)
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }

    /// <summary>
    /// Quartz logs through one process-wide provider, which AddQuartz points at the logger factory of whichever host
    /// built a scheduler last. With many hosts in one test process, that factory may already be disposed when
    /// another host's Quartz asks it for a logger, and the scheduler then throws. So test hosts leave Quartz's
    /// logging unset (it logs nothing), as a real process with one host never needs.
    /// </summary>
    private static void KeepQuartzLoggingOutOfTheHost(IServiceCollection services)
    {
        var quartzLogging = services.Where(d => d.ServiceType.FullName == "Quartz.Simpl.MicrosoftLoggingProvider").ToList();
        foreach (var descriptor in quartzLogging) services.Remove(descriptor);
        if (quartzLogging.Count == 0)
            throw new InvalidOperationException("AddQuartz no longer registers Quartz.Simpl.MicrosoftLoggingProvider: look again at how Quartz sets up its logging.");
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a fresh CommunityDb, as a request would have, once the emails of every change
    /// so far are in the outbox (see <see cref="NoticesWrittenAsync"/>).
    /// </summary>
    public async Task<T> WithDbAsync<T>(Func<CommunityDb, Task<T>> work)
    {
        await NoticesWrittenAsync();
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<CommunityDb>());
    }

    /// <summary>
    /// The emails of a change of places are written after it commits, from its notices, by a background loop. A test
    /// that reads the outbox right after a change waits for that here (writing any due notices itself), rather than
    /// guessing at a delay. Notices put off after a failure are not waited for.
    /// </summary>
    public async Task NoticesWrittenAsync()
    {
        var dispatcher = Services.GetRequiredService<NoticeDispatcher>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            await dispatcher.WriteDueAsync();
            using (var scope = Services.CreateScope())
                if (!await scope.ServiceProvider.GetRequiredService<CommunityDb>().RegistrationNotices.AnyAsync(n => n.Attempts == 0))
                    return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Registration notices were still waiting to be written after 15 seconds.");
            await Task.Delay(20);
        }
    }
}
