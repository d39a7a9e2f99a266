using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace HeartsMinds.Community.Platform.Realtime;

/// <summary>
/// The benchmark's baseline (bench/liveboard): the least a broadcast can cost in this app, with no database, checks or
/// sequence numbers in the way. Mapped only when configuration says so (<see cref="RealtimeServices.MapBenchBroadcastHub"/>).
/// </summary>
public sealed class BenchBroadcastHub : Hub
{
    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    public Task Send(string group, JsonElement payload) => Clients.Group(group).SendAsync("changed", payload);
}
