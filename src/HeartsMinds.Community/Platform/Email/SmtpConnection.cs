using MailKit.Net.Smtp;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// A place in the <see cref="SmtpConnectionPool"/>, held while one message is sent, with the connection that goes
/// with it (opened on first use). Dispose gives both back.
/// </summary>
public sealed class SmtpConnection : IDisposable
{
    private readonly SmtpConnectionPool _pool;
    private SmtpClient? _client;
    private bool _returned;

    internal SmtpConnection(SmtpConnectionPool pool, SmtpClient? client) => (_pool, _client) = (pool, client);

    /// <summary>A connected client: the pooled one, or a new one when there is none or it has dropped.</summary>
    public async Task<SmtpClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } client) return client;
        Discard();
        return _client = await _pool.OpenAsync(cancellationToken);
    }

    /// <summary>Closes the connection, so it is not reused: after a failure its state is unknown.</summary>
    public void Discard()
    {
        _client?.Dispose();
        _client = null;
    }

    public void Dispose()
    {
        if (_returned) return;
        _returned = true;
        _pool.Return(_client);
    }
}
