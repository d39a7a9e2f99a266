using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace HeartsMinds.Community.Tests.Infrastructure;

/// <summary>
/// A small real SMTP server on 127.0.0.1 for tests: it speaks enough RFC 5321 for MailKit (EHLO/HELO, MAIL, RCPT,
/// DATA with dot-unstuffing, RSET, NOOP, QUIT; no TLS, no AUTH, no PIPELINING), serves any number of connections at
/// once and any number of messages on each, records every message it accepts and how many connections were open at
/// once, can be stopped and started again on the same port to play an outage, and can refuse the next recipients with
/// a chosen reply.
/// </summary>
public sealed partial class SmtpSink : IAsyncDisposable
{
    /// <summary>One accepted message: the envelope, and the data as sent (CRLF line ends, dots unstuffed).</summary>
    public sealed record ReceivedMessage(string MailFrom, IReadOnlyList<string> Recipients, string Data)
    {
        /// <summary>The first header of that name, unfolded; null when absent.</summary>
        public string? Header(string name)
        {
            var headers = Data.Split("\r\n\r\n", 2)[0].Replace("\r\n ", " ").Replace("\r\n\t", " ");
            return headers.Split("\r\n").Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
                .Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();
        }

        public string? MessageId => Header("Message-ID");
    }

    private readonly ConcurrentQueue<ReceivedMessage> _messages = new();
    private readonly ConcurrentDictionary<TcpClient, bool> _connections = new();
    private readonly Lock _gate = new();
    private readonly Queue<string> _recipientReplies = new();
    private TcpListener? _listener;
    private CancellationTokenSource _stopping = new();
    private int _connectionCount;
    private int _openConnections;
    private int _mostOpenAtOnce;

    public int Port { get; private set; }
    public string Host => "127.0.0.1";

    public IReadOnlyList<ReceivedMessage> Messages => _messages.ToArray();

    /// <summary>How many SMTP connections clients have opened so far.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>The most connections that were open at the same moment.</summary>
    public int MostOpenAtOnce => Volatile.Read(ref _mostOpenAtOnce);

    public static SmtpSink Start()
    {
        var sink = new SmtpSink();
        sink.Listen(0);
        return sink;
    }

    /// <summary>The next <paramref name="count"/> RCPT TO commands get <paramref name="reply"/>, such as
    /// "451 4.7.1 Try again later" or "550 5.1.1 No such mailbox".</summary>
    public void RefuseNextRecipients(int count, string reply)
    {
        lock (_gate)
            for (var i = 0; i < count; i++) _recipientReplies.Enqueue(reply);
    }

    /// <summary>Stops listening and drops open connections: clients now get "connection refused".</summary>
    public void Stop()
    {
        _stopping.Cancel();
        _listener?.Stop();
        _listener = null;
        foreach (var connection in _connections.Keys) connection.Dispose();
        _connections.Clear();
    }

    /// <summary>Listens again, on the same port as before.</summary>
    public void Restart()
    {
        if (_listener is not null) return;
        _stopping = new CancellationTokenSource();
        Listen(Port);
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived, or fails the test.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (_messages.Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The SMTP sink received {_messages.Count} messages, expected {count}.");
            await Task.Delay(20);
        }
        return Messages;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _ = AcceptLoopAsync(listener, _stopping.Token);
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stopping); }
            catch (Exception) { return; } // stopped
            Interlocked.Increment(ref _connectionCount);
            RecordOpen(Interlocked.Increment(ref _openConnections));
            _connections[client] = true;
            _ = Task.Run(async () =>
            {
                try { await ConverseAsync(client, stopping); }
                catch (Exception) { /* the client or Stop() closed the connection */ }
                finally
                {
                    _connections.TryRemove(client, out _);
                    client.Dispose();
                    Interlocked.Decrement(ref _openConnections);
                }
            });
        }
    }

    private void RecordOpen(int open)
    {
        for (var most = MostOpenAtOnce; open > most; most = MostOpenAtOnce)
            if (Interlocked.CompareExchange(ref _mostOpenAtOnce, open, most) == most) return;
    }

    private async Task ConverseAsync(TcpClient client, CancellationToken stopping)
    {
        await using var stream = client.GetStream();
        // Latin-1 maps bytes to chars one to one, so the data is kept exactly as sent.
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };

        await writer.WriteLineAsync("220 sink.test ESMTP ready");
        string? from = null;
        var recipients = new List<string>();
        while (await reader.ReadLineAsync(stopping) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-sink.test greets you");
                    await writer.WriteLineAsync("250 8BITMIME");
                    (from, recipients) = (null, []);
                    break;
                case "HELO":
                    await writer.WriteLineAsync("250 sink.test");
                    (from, recipients) = (null, []);
                    break;
                case "MAIL" when Address().Match(line) is { Success: true } address:
                    (from, recipients) = (address.Groups[1].Value, []);
                    await writer.WriteLineAsync("250 2.1.0 OK");
                    break;
                case "RCPT" when from is not null && Address().Match(line) is { Success: true } address:
                    string? refusal = null;
                    lock (_gate) _recipientReplies.TryDequeue(out refusal);
                    if (refusal is not null)
                        await writer.WriteLineAsync(refusal);
                    else
                    {
                        recipients.Add(address.Groups[1].Value);
                        await writer.WriteLineAsync("250 2.1.5 OK");
                    }
                    break;
                case "DATA" when from is not null && recipients.Count > 0:
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(stopping) is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                    _messages.Enqueue(new ReceivedMessage(from, recipients, data.ToString()));
                    (from, recipients) = (null, []);
                    await writer.WriteLineAsync("250 2.0.0 OK queued");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("554 5.5.1 No valid recipients");
                    break;
                case "RSET":
                    (from, recipients) = (null, []);
                    await writer.WriteLineAsync("250 2.0.0 OK");
                    break;
                case "NOOP":
                    await writer.WriteLineAsync("250 2.0.0 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 2.0.0 Bye");
                    return;
                case "MAIL" or "RCPT":
                    await writer.WriteLineAsync("503 5.5.1 Bad sequence of commands");
                    break;
                default:
                    await writer.WriteLineAsync("502 5.5.2 Command not implemented");
                    break;
            }
        }
    }

    [GeneratedRegex(@"^\S+\s+(?:FROM|TO):\s*<([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}
