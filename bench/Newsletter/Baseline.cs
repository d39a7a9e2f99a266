using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace NewsletterBench;

/// <summary>
/// The ceiling the app's sender is measured against: a plain MailKit loop with no database. C connections, each opened
/// once (before the clock starts, as the app's pool keeps its connections open), take turns at N messages between them.
/// Each message is composed afresh, as the app composes each recipient's copy: multipart/alternative, a quoted-printable
/// text part and an HTML part, sized so that it is about BYTES on the wire (the app's average, from the sink's log).
/// Nagle's algorithm is off unless --tcp-nodelay false: the ceiling is what MailKit can do, not what one socket default allows.
/// </summary>
public static class Baseline
{
    public const string Domain = "baseline-bench.example";
    private const string WarmUpDomain = "warmup-bench.example";

    public static async Task<int> RunAsync(int port, int connections, int messages, int size, bool noDelay)
    {
        var (text, html) = BodiesFor(size);
        var sample = Compose(0, text, html);
        var actual = WireSize(sample);

        var clients = new List<SmtpClient>();
        for (var i = 0; i < connections; i++)
        {
            var client = new SmtpClient { Timeout = 30_000 };
            await ConnectAsync(client, port, noDelay);
            // One message each before the clock starts: the connection and the code paths are warm, as the app's are.
            await client.SendAsync(Compose(i + 1, text, html, WarmUpDomain));
            clients.Add(client);
        }

        var next = 0;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) <= messages)
            {
                try { await client.SendAsync(Compose(n, text, html)); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (Interlocked.Increment(ref failed) == 1) Console.Error.WriteLine($"baseline: first failure: {e.Message}");
                    if (!client.IsConnected) await ConnectAsync(client, port, noDelay);
                }
            }
        })));
        clock.Stop();
        foreach (var client in clients)
        {
            await client.DisconnectAsync(quit: true);
            client.Dispose();
        }

        var rate = (messages - failed) / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"baseline: {messages - failed} messages of {actual} bytes over {connections} connections " +
                          $"(Nagle's algorithm {(noDelay ? "off" : "on, MailKit's default")}) in " +
                          $"{clock.Elapsed.TotalSeconds:0.00} s, {failed} failed");
        Console.WriteLine($"BASELINE rate={rate.ToString("0.0", CultureInfo.InvariantCulture)} bytes={actual} failed={failed}");
        return failed == 0 ? 0 : 3;
    }

    /// <summary>
    /// With <paramref name="noDelay"/>, over a socket with Nagle's algorithm off. MailKit's own ConnectAsync leaves it
    /// on, and then the last small write of each message waits for the server's delayed ACK (40 ms on Linux), which
    /// caps a loopback connection at about 22 messages a second whatever the sender does: see bench/README.md.
    /// </summary>
    private static async Task ConnectAsync(SmtpClient client, int port, bool noDelay)
    {
        if (!noDelay)
        {
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
            return;
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
            await client.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static MimeMessage Compose(int n, string text, string html, string domain = Domain)
    {
        var message = new MimeMessage
        {
            Subject = "Hearts and Minds: news from the community (baseline)",
            MessageId = $"{Guid.NewGuid():D}@{Domain}",
        };
        message.From.Add(new MailboxAddress("Hearts & Minds Partnership", "community@heartsandminds.example"));
        message.To.Add(new MailboxAddress($"Reader {n}", $"baseline-{n:D6}@{domain}"));
        message.Headers.Add("List-Unsubscribe", $"<https://{Domain}/charter/unsubscribe/{Guid.NewGuid():N}>");
        message.Body = new MultipartAlternative { Part("plain", text), Part("html", html) };
        return message;
    }

    private static TextPart Part(string subtype, string content)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, content);
        return part;
    }

    /// <summary>Text and HTML of newsletter-like prose, grown until the composed message is about <paramref name="size"/> bytes.</summary>
    private static (string Text, string Html) BodiesFor(int size)
    {
        const string sentence = "Thank you to everyone who came to the Conversation Space, where sixty people talked about young people's mental health. ";
        var sentences = 1;
        for (var round = 0; round < 30; round++)
        {
            var (text, html) = Bodies(sentences);
            var bytes = WireSize(Compose(0, text, html));
            if (Math.Abs(bytes - size) < sentence.Length) return (text, html);
            sentences = Math.Max(1, sentences + (int)Math.Round((size - bytes) / (double)(sentence.Length * 2.2)));
        }
        return Bodies(sentences);

        static (string, string) Bodies(int count)
        {
            var text = new StringBuilder();
            var html = new StringBuilder("<!DOCTYPE html><html><body><table role=\"presentation\" width=\"100%\"><tr><td style=\"font-family:Arial,sans-serif;\">\r\n");
            for (var i = 0; i < count; i++)
            {
                text.Append(sentence);
                if (i % 4 == 3) text.Append("\r\n\r\n");
                html.Append("<p style=\"margin:0 0 16px;\">").Append(sentence).Append("</p>\r\n");
            }
            html.Append("</td></tr></table></body></html>\r\n");
            return (text.ToString(), html.ToString());
        }
    }

    private static long WireSize(MimeMessage message)
    {
        using var counter = new MemoryStream();
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, counter);
        return counter.Length;
    }
}
