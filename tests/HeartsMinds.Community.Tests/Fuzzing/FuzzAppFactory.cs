using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using HeartsMinds.Community.Tests.Infrastructure;

namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// The app for the fuzz test: no rate limit (nor the live board's) in the way of thousands of posts, no email leaving the outbox, and the
/// server's unhandled exceptions kept so that a 500 can be reported with its cause.
/// </summary>
public sealed class FuzzAppFactory : CommunityAppFactory
{
    public ServerErrorLog ServerErrors { get; } = new();

    public FuzzAppFactory()
    {
        WithSetting("RateLimits:PublicPostsPerMinute", "100000");
        WithSetting("Mail:Outbox:Enabled", "false");
        // The live board's own limits (inside the app, not the HTTP rate limiter) as high as they go.
        WithSetting("LiveBoard:PostsPerMinute", "100000");
        WithSetting("LiveBoard:ActionsPerMinute", "100000");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(ServerErrors));
    }
}
