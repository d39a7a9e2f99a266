using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace HeartsMinds.Community.Tests.Infrastructure;

/// <summary>
/// The .NET SignalR client against an app instance's TestServer, the way browsers connect: WebSockets only, no
/// negotiation (so no sticky sessions are needed). An optional Cookie header goes with the WebSocket request.
/// </summary>
public static class HubClients
{
    public static HubConnection Build<TEntryPoint>(WebApplicationFactory<TEntryPoint> app, string path, string? cookie = null)
        where TEntryPoint : class
    {
        var server = app.Server; // starts the app if it has not started yet
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, path), options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = server.CreateWebSocketClient();
                    if (cookie is not null) client.ConfigureRequest = request => request.Headers.Cookie = cookie;
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .Build();
    }

    /// <summary>Builds and starts a connection.</summary>
    public static async Task<HubConnection> ConnectAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> app, string path, string? cookie = null)
        where TEntryPoint : class
    {
        var connection = Build(app, path, cookie);
        await connection.StartAsync();
        return connection;
    }
}
