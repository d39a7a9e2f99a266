using System.Text;
using HeartsMinds.Community.Features.DevMailbox;

namespace HeartsMinds.Community.Tests.Email;

/// <summary>The mailbox's reader, on encodings our own messages do not use but SmtpClient can write.</summary>
public sealed class MimeReaderTests
{
    [Fact]
    public void Reads_quoted_printable_parts_and_Q_and_B_encoded_words()
    {
        var raw = string.Join("\r\n",
            "From: =?utf-8?Q?Caf=C3=A9_Team?= <cafe@example.org>",
            "Subject: =?utf-8?B?SMOrbGxvIOKAkyBh?=",
            " =?utf-8?Q?_second_word?=",
            "Date: Sun, 22 Nov 2026 01:51:49 +0000",
            "Content-Type: multipart/alternative; boundary=\"b1\"",
            "",
            "preamble to skip",
            "--b1",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Caf=C3=A9 line that was wrapped with a soft =",
            "break, and =3D an equals sign.",
            "--b1",
            "Content-Type: text/calendar; method=CANCEL; charset=\"utf-8\"",
            "Content-Disposition: attachment; filename*=utf-8''caf%C3%A9.ics",
            "Content-Transfer-Encoding: 7bit",
            "",
            "METHOD:CANCEL",
            "--b1--",
            "epilogue");

        var message = MimeReader.Parse(Encoding.Latin1.GetBytes(raw));

        Assert.Equal("Café Team <cafe@example.org>", message.Header("From"));
        Assert.Equal("Hëllo – a second word", message.Header("Subject"));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 1, 51, 49, TimeSpan.Zero), MimeReader.ParseDate(message.Header("Date")));
        Assert.Equal(2, message.Children.Count);
        Assert.Equal("Café line that was wrapped with a soft break, and = an equals sign.", message.Children[0].Text);
        Assert.Equal("CANCEL", message.Children[1].ContentType.Parameter("method"));
        Assert.Equal("café.ics", message.Children[1].FileName);
        Assert.Equal("METHOD:CANCEL", message.Children[1].Text);
    }
}
