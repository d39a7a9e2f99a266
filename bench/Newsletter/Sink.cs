using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NewsletterBench;

/// <summary>
/// A fast SMTP sink on 127.0.0.1: EHLO with PIPELINING and 8BITMIME (so MailKit sends MAIL, RCPT and DATA in one
/// write), any number of connections and messages, no TLS, no AUTH. For every message it accepts it appends one line
/// per recipient to the log, recipient TAB Message-ID TAB size in bytes, and flushes it to the operating system before
/// it answers 250: a line in the log is a message the client was (or was about to be) told was accepted, and a kill
/// of the client never loses one. Replies are written when the client's input runs dry, as RFC 2920 asks.
/// </summary>
public static class Sink
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();

    public static async Task<int> RunAsync(int port, string logPath)
    {
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });

        await using var log = new MessageLog(logPath);
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(512);
        Console.WriteLine($"sink: listening on 127.0.0.1:{port}, logging to {Path.GetFullPath(logPath)}");

        var connections = 0;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var socket = await listener.AcceptSocketAsync(stopping.Token);
                socket.NoDelay = true;
                Interlocked.Increment(ref connections);
                _ = Task.Run(async () =>
                {
                    try { await ConverseAsync(socket, log, stopping.Token); }
                    catch (Exception) { /* the client went away (or was killed) */ }
                    finally { socket.Dispose(); }
                });
            }
        }
        catch (OperationCanceledException) { }
        listener.Stop();
        Console.WriteLine($"sink: stopped after {log.Messages} messages ({log.Lines} lines) on {connections} connections");
        return 0;
    }

    private static async Task ConverseAsync(Socket socket, MessageLog log, CancellationToken stopping)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var input = new LineReader(stream);
        var output = new MemoryStream();

        async ValueTask<ReadOnlyMemory<byte>?> NextLineAsync()
        {
            // Pipelining: answer everything so far before waiting for the client, and not before.
            if (!input.HasLine && output.Length > 0)
            {
                await stream.WriteAsync(output.GetBuffer().AsMemory(0, (int)output.Length), stopping);
                output.SetLength(0);
            }
            return await input.ReadLineAsync(stopping);
        }
        void Reply(string text)
        {
            output.Write(Encoding.ASCII.GetBytes(text));
            output.Write(Crlf);
        }

        Reply("220 sink.bench ESMTP ready");
        var mailFrom = false;
        var recipients = new List<string>();
        while (await NextLineAsync() is { } raw)
        {
            var line = Encoding.Latin1.GetString(raw.Span);
            var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    Reply("250-sink.bench greets you");
                    Reply("250-PIPELINING");
                    Reply("250-8BITMIME");
                    Reply("250 SIZE 52428800");
                    (mailFrom, recipients) = (false, []);
                    break;
                case "HELO":
                    Reply("250 sink.bench");
                    (mailFrom, recipients) = (false, []);
                    break;
                case "MAIL":
                    (mailFrom, recipients) = (true, []);
                    Reply("250 2.1.0 OK");
                    break;
                case "RCPT" when mailFrom && AddressIn(line) is { } address:
                    recipients.Add(address);
                    Reply("250 2.1.5 OK");
                    break;
                case "DATA" when mailFrom && recipients.Count > 0:
                    Reply("354 End data with <CR><LF>.<CR><LF>");
                    string? messageId = null;
                    var inHeaders = true;
                    long bytes = 0;
                    while (true)
                    {
                        var data = await NextLineAsync() ?? throw new IOException("The client went away in the middle of DATA.");
                        var span = data.Span;
                        if (span.Length == 1 && span[0] == (byte)'.') break;
                        bytes += span.Length + 2 - (span.Length > 0 && span[0] == (byte)'.' ? 1 : 0);
                        if (!inHeaders) continue;
                        if (span.Length == 0) inHeaders = false;
                        else if (messageId is null && span.Length > 11 && Encoding.ASCII.GetString(span[..11]).Equals("Message-ID:", StringComparison.OrdinalIgnoreCase))
                            messageId = Encoding.Latin1.GetString(span[11..]).Trim();
                    }
                    log.Accepted(recipients, messageId ?? "-", bytes);
                    (mailFrom, recipients) = (false, []);
                    Reply("250 2.0.0 OK queued");
                    break;
                case "DATA":
                    Reply("554 5.5.1 No valid recipients");
                    break;
                case "RSET":
                    (mailFrom, recipients) = (false, []);
                    Reply("250 2.0.0 OK");
                    break;
                case "NOOP":
                    Reply("250 2.0.0 OK");
                    break;
                case "QUIT":
                    Reply("221 2.0.0 Bye");
                    await stream.WriteAsync(output.GetBuffer().AsMemory(0, (int)output.Length), stopping);
                    return;
                case "MAIL" or "RCPT":
                    Reply("503 5.5.1 Bad sequence of commands");
                    break;
                default:
                    Reply("502 5.5.2 Command not implemented");
                    break;
            }
        }
    }

    private static string? AddressIn(string line)
    {
        var open = line.IndexOf('<');
        var close = open < 0 ? -1 : line.IndexOf('>', open + 1);
        return close > open + 1 ? line[(open + 1)..close] : null;
    }

    /// <summary>The sink's log, shared by all connections; each line reaches the operating system before the reply.</summary>
    private sealed class MessageLog(string path) : IAsyncDisposable
    {
        private readonly FileStream _file = new(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
        private readonly Lock _gate = new();
        public long Messages;
        public long Lines;

        public void Accepted(List<string> recipients, string messageId, long bytes)
        {
            var text = string.Concat(recipients.Select(r => $"{r}\t{messageId}\t{bytes}\n"));
            var encoded = Encoding.UTF8.GetBytes(text);
            lock (_gate)
            {
                _file.Write(encoded);
                _file.Flush();
                Messages++;
                Lines += recipients.Count;
            }
        }

        public ValueTask DisposeAsync() => _file.DisposeAsync();
    }

    /// <summary>Lines (without their CRLF) from a stream, through one buffer; a line stays valid until the next read.</summary>
    private sealed class LineReader(Stream stream)
    {
        private byte[] _buffer = new byte[1 << 16];
        private int _start, _end;

        public bool HasLine => _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n') >= 0;

        public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var length = newline > 0 && _buffer[_start + newline - 1] == (byte)'\r' ? newline - 1 : newline;
                    var line = _buffer.AsMemory(_start, length);
                    _start += newline + 1;
                    return line;
                }
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    (_end, _start) = (_end - _start, 0);
                }
                if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
                var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
                if (read == 0) return null;
                _end += read;
            }
        }
    }
}
