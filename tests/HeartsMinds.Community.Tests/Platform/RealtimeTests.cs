using System.Net;
using System.Text.Json;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace HeartsMinds.Community.Tests.Platform;

/// <summary>
/// SignalR as the app sets it up (Platform/Realtime): the bench's bare broadcast hub exists only when configured,
/// messages are size-limited, and with Redis configured a broadcast on one instance reaches clients of another.
/// </summary>
public sealed class RealtimeTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("GET", "/hubs/bench-broadcast")]
    [InlineData("POST", "/hubs/bench-broadcast/negotiate?negotiateVersion=1")]
    public async Task The_bench_broadcast_hub_is_not_there_unless_configured(string method, string path)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Health_names_no_redis_when_none_is_configured()
    {
        using var report = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/health"));

        Assert.False(report.RootElement.GetProperty("checks").TryGetProperty("redis", out _));
    }

    [Fact]
    public async Task Without_redis_the_bench_hub_broadcasts_to_the_group_on_one_instance()
    {
        await using var bench = CommunityAppFactory.ForDatabase(app.ConnectionString).WithSetting("Bench:BroadcastHub", "true");
        await using var listener = await HubClients.ConnectAsync(bench, "/hubs/bench-broadcast");
        await using var outsider = await HubClients.ConnectAsync(bench, "/hubs/bench-broadcast");
        await using var sender = await HubClients.ConnectAsync(bench, "/hubs/bench-broadcast");
        var heard = Listen(listener);
        var outsiderHeard = Listen(outsider);
        await listener.InvokeAsync("Join", "board-1");
        await outsider.InvokeAsync("Join", "board-2");

        await sender.InvokeAsync("Send", "board-1", new { sequence = 1, text = "hello" });

        var payload = await heard.Task.WaitAsync(Patience);
        Assert.Equal(1, payload.GetProperty("sequence").GetInt32());
        Assert.Equal("hello", payload.GetProperty("text").GetString());
        await Task.Delay(200);
        Assert.False(outsiderHeard.Task.IsCompleted, "a client in another group heard the broadcast");
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_the_connection()
    {
        await using var bench = CommunityAppFactory.ForDatabase(app.ConnectionString).WithSetting("Bench:BroadcastHub", "true");
        await using var sender = await HubClients.ConnectAsync(bench, "/hubs/bench-broadcast");
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        var tooBig = new string('x', 9 * 1024);
        await Assert.ThrowsAnyAsync<Exception>(() => sender.InvokeAsync("Send", "board-1", new { text = tooBig }).WaitAsync(Patience));

        await closed.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task With_redis_a_broadcast_on_one_instance_reaches_a_client_of_another()
    {
        var channels = TestRedis.NewChannelPrefix();
        await using var first = CommunityAppFactory.ForDatabase(app.ConnectionString).WithRedis(channels).WithSetting("Bench:BroadcastHub", "true");
        await using var second = CommunityAppFactory.ForDatabase(app.ConnectionString).WithRedis(channels).WithSetting("Bench:BroadcastHub", "true");
        await using var listener = await HubClients.ConnectAsync(second, "/hubs/bench-broadcast");
        await using var sender = await HubClients.ConnectAsync(first, "/hubs/bench-broadcast");
        var heard = Listen(listener);
        await listener.InvokeAsync("Join", "board-1");

        await sender.InvokeAsync("Send", "board-1", new { sequence = 7 });

        var payload = await heard.Task.WaitAsync(Patience);
        Assert.Equal(7, payload.GetProperty("sequence").GetInt32());
    }

    [Fact]
    public async Task With_redis_configured_health_reports_it()
    {
        await using var instance = CommunityAppFactory.ForDatabase(app.ConnectionString).WithRedis(TestRedis.NewChannelPrefix());

        using var report = JsonDocument.Parse(await instance.CreateClient().GetStringAsync("/health"));

        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
    }

    [Fact]
    public async Task With_redis_configured_but_not_answering_health_says_degraded_and_still_answers_200()
    {
        await using var instance = CommunityAppFactory.ForDatabase(app.ConnectionString)
            .WithSetting("ConnectionStrings:Redis", "127.0.0.1:1,connectTimeout=500")
            .WithSetting("Realtime:RedisChannelPrefix", TestRedis.NewChannelPrefix());

        var response = await instance.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Degraded", report.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
    }

    private static TaskCompletionSource<JsonElement> Listen(HubConnection connection)
    {
        var heard = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("changed", payload => heard.TrySetResult(payload.Clone()));
        return heard;
    }
}
