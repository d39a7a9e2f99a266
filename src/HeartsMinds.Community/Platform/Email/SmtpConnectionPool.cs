using System.Collections.Concurrent;
using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// This instance's SMTP connections: at most Mail:Smtp:Connections, each opened (connect, EHLO, TLS, sign-in) once
/// and then reused for many messages, because opening one costs several round trips and a TLS handshake. A place in
/// the pool is rented for one message at a time, so the pool also bounds how many sends run at once. With a pickup
/// directory there is no server, and a place is just a turn to write a file. A feature that sends in bulk (newsletters)
/// makes a pool of its own with its own <paramref name="connections"/>, so it never holds up the outbox.
/// </summary>
public sealed class SmtpConnectionPool(MailDelivery delivery, IOptions<MailOptions> mail, ILogger<SmtpConnectionPool> logger, int connections = 0)
    : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// A connection left unused for longer is closed rather than reused: servers drop idle clients (RFC 5321 §4.5.3.2
    /// suggests 5 minutes; some are quicker), and a send on a dropped connection would cost the message an attempt.
    /// </summary>
    internal static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(1);

    private readonly SmtpOptions _smtp = mail.Value.Smtp;
    private readonly SemaphoreSlim _places = new(connections > 0 ? connections : mail.Value.Smtp.Connections);
    // A stack: the connection used last is the least likely to have been dropped by the server.
    private readonly ConcurrentStack<(SmtpClient Client, long IdleSince)> _idle = new();
    private volatile bool _disposed;

    public int Size { get; } = connections > 0 ? connections : mail.Value.Smtp.Connections;

    /// <summary>Waits for a free place and returns it with an idle open connection, if there is one.
    /// Dispose the result to give the place (and its connection, if still good) back.</summary>
    public async Task<SmtpConnection> RentAsync(CancellationToken cancellationToken)
    {
        await _places.WaitAsync(cancellationToken);
        while (_idle.TryPop(out var idle))
        {
            if (idle.Client.IsConnected && Stopwatch.GetElapsedTime(idle.IdleSince) < IdleLimit)
                return new SmtpConnection(this, idle.Client);
            await CloseAsync(idle.Client);
        }
        return new SmtpConnection(this, null);
    }

    internal static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>Opens a new connection, signed in when Mail:Smtp:User is set.</summary>
    internal async Task<SmtpClient> OpenAsync(CancellationToken cancellationToken)
    {
        var host = delivery.SmtpHost ?? throw new InvalidOperationException(delivery.Description);
        var client = new SmtpClient { Timeout = (int)_smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(host, _smtp.Port, SocketOptions(_smtp.EffectiveSecurity), cancellationToken);
            if (!string.IsNullOrEmpty(_smtp.User))
                await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", cancellationToken);
            logger.LogDebug("Opened an SMTP connection to {Host}:{Port}.", host, _smtp.Port);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Takes a place back; its connection waits for the next message unless it is broken or was discarded.</summary>
    internal void Return(SmtpClient? client)
    {
        if (client is not null)
        {
            if (client.IsConnected && !_disposed) _idle.Push((client, Stopwatch.GetTimestamp()));
            else client.Dispose(); // before the place is freed, so no more than Size connections are ever open
        }
        _places.Release();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryPop(out var idle))
            await CloseAsync(idle.Client);
    }

    /// <summary>For a container disposed synchronously: closes the connections without a QUIT.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var idle))
            idle.Client.Dispose();
    }

    /// <summary>A polite QUIT when the connection still answers, without waiting long for it.</summary>
    private static async Task CloseAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(quit: true, patience.Token);
            }
        }
        catch (Exception)
        {
            // It was going anyway; a server that has already dropped it cannot be told.
        }
        finally
        {
            client.Dispose();
        }
    }
}
