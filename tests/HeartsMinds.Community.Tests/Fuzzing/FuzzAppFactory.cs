using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using HeartsMinds.Community.Tests.Infrastructure;

namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// The app for the fuzz test: no rate limit in the way of thousands of posts, no email leaving the outbox, and the
/// server's unhandled exceptions kept so that a 500 can be reported with its cause.
/// </summary>
public sealed class FuzzAppFactory : CommunityAppFactory
{
    public ServerErrorLog ServerErrors { get; } = new();

    public FuzzAppFactory()
    {
        WithSetting("RateLimits:PublicPostsPerMinute", "100000");
        WithSetting("Mail:Outbox:Enabled", "false");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(ServerErrors));
    }
}
