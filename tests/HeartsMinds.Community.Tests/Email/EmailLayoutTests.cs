using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Features.Reminders;
using HeartsMinds.Community.Features.Staff;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HeartsMinds.Community.Tests.Email;

/// <summary>
/// Every email the app writes wears the one layout, in HTML and in text; the check-in QR code travels inline (by
/// Content-ID) and attached; and the MIME structure stays a valid iMIP invitation around it.
/// </summary>
public sealed partial class EmailLayoutTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    private SiteOptions Site => app.Services.GetRequiredService<IOptions<SiteOptions>>().Value;

    [Fact]
    public async Task Every_email_written_for_registrations_reminders_and_staff_has_the_layout_and_a_specific_reason_in_html_and_text()
    {
        var inPerson = await app.CreateAsync(capacity: 1, change: e => { e.MapUrl = "https://maps.example/hall"; e.Title = "Layout day " + Guid.NewGuid().ToString("N")[..6]; });
        var online = await app.CreateAsync(kind: EventKind.ConversationSpace, change: e => e.Title = "Layout space " + Guid.NewGuid().ToString("N")[..6]);
        var faceToFace = Assert.IsType<RegistrationOutcome.Registered>(
            await app.RegisterAsync(TestEvents.Request(inPerson.Id, "Layout Acacia", "a@layoutacacia.example", "b@layoutacacia.example"))).Registration;
        await app.RegisterAsync(TestEvents.Request(online.Id, "Layout Bluebell", "x@layoutbluebell.example"));
        await app.WithDeskAsync(desk => desk.CancelAttendeesAsync(inPerson.Id, [faceToFace.Attendees[0].Id])); // b is promoted

        var emails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress.EndsWith("@layoutacacia.example") || m.ToAddress.EndsWith("@layoutbluebell.example")).ToListAsync());
        var reminder = await app.WithDbAsync(async db => ReminderEmail.Write(new ReminderRule { Key = "two-days", Before = TimeSpan.FromDays(2) }, inPerson,
            await db.Attendees.Include(a => a.Registration).SingleAsync(a => a.EventId == inPerson.Id && a.Email == "b@layoutacacia.example"), "a-person-token", Site));
        var staff = StaffInvitation.Email(Site, new StaffUser { Email = "new@staff.example", DisplayName = "Nia" }, "Admin Person", Site.Url("/account/accept-invitation?user=1&token=t"));
        emails.AddRange([reminder, staff]);

        Assert.Equal(["place-cancelled", "place-confirmed", "place-confirmed", "registration-confirmation", "registration-confirmation", "reminder-two-days", "staff-invitation", "waitlist-promotion", "waitlisted"],
            emails.Select(m => m.Purpose).Order());
        Assert.All(emails, email =>
        {
            var html = email.HtmlBody!;
            Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
            Assert.Contains("max-width:600px", html);
            Assert.Contains(EmailLayout.PartnershipName, html);
            Assert.Contains($"{EmailLayout.SignOff}<br>{EmailLayout.SignedBy}", html);
            Assert.Contains($"href=\"mailto:{Site.ContactEmail}\"", html);
            Assert.DoesNotContain("<style", html); // inline styles only: many clients drop style elements

            var text = email.TextBody;
            Assert.StartsWith("\u2665\uFE0E " + EmailLayout.PartnershipName + "\n", text);
            Assert.Contains($"{EmailLayout.SignOff}\n{EmailLayout.SignedBy}\n", text);
            Assert.Contains(Site.ContactEmail, text);

            // A reason of its own, the same in both parts, and not the catch-all one.
            var reason = Assert.Single(Regex.Matches(text, "^You're getting this .*$", RegexOptions.Multiline)).Value;
            Assert.NotEqual(EmailLayout.DefaultReason(Site), reason);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(reason), html);
            // The text footer comes after the body and the sign-off.
            Assert.True(text.IndexOf(EmailLayout.SignOff, StringComparison.Ordinal) < text.IndexOf(reason, StringComparison.Ordinal));
        });
        Assert.Contains("Layout Acacia registered you", emails.Single(m => m.Purpose == "waitlist-promotion").TextBody);
        Assert.Contains($"you registered people from Layout Bluebell for {online.Title}", emails.Single(m => m.ToAddress == "contact@layoutbluebell.example").TextBody);
        Assert.Contains($"you have a place at {inPerson.Title}, booked for you by Layout Acacia.", reminder.TextBody);
        Assert.Contains("Admin Person invited this address", staff.TextBody);
    }

    [Fact]
    public async Task The_check_in_QR_code_is_shown_inline_by_content_id_and_attached_as_a_file()
    {
        var ev = await app.CreateAsync(change: e => e.MapUrl = "https://maps.example/hall?a=1&b=2");
        await app.RegisterAsync(TestEvents.Request(ev.Id, "QR Acacia", "qr@qr-acacia.example"));

        var email = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "qr@qr-acacia.example"));

        var inline = Assert.Single(email.Attachments, a => a.IsInline);
        var attached = Assert.Single(email.Attachments, a => a.FileName == "check-in-code.png" && !a.IsInline);
        Assert.Equal("image/png", inline.ContentType);
        Assert.Equal(attached.Content, inline.Content);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], inline.Content.Take(4));
        Assert.Contains($"<img src=\"cid:{inline.ContentId}\" alt=\"Check-in QR code for Person qr\"", email.HtmlBody);
        Assert.Contains("Please show this QR code when you arrive", email.TextBody);
        // The map is a link in the HTML (its address encoded once), and its address is in the text.
        Assert.Contains("<a href=\"https://maps.example/hall?a=1&amp;b=2\" style=\"color:#9b2242;\">Open the map of the venue</a>", email.HtmlBody);
        Assert.Contains("Map: Open the map of the venue https://maps.example/hall?a=1&b=2\n", email.TextBody);

        // As sent: the HTML and the image it shows are one multipart/related, inside the alternative, beside the
        // calendar; the attachments (the invitation and the code as a file) follow in the multipart/mixed.
        var mime = Reparse(app.Services.GetRequiredService<MessageComposer>().Compose(email));
        var mixed = Assert.IsType<Multipart>(mime.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "multipart/related", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        var related = Assert.IsType<MultipartRelated>(alternative[1]);
        Assert.Equal("text/html", related.ContentType.Parameters["type"]);
        Assert.Equal("text/html", Assert.IsType<TextPart>(related.Root).ContentType.MimeType);
        var image = Assert.IsType<MimePart>(related[1]);
        Assert.Equal("image/png", image.ContentType.MimeType);
        Assert.Equal(ContentDisposition.Inline, image.ContentDisposition?.Disposition);
        Assert.Equal(inline.ContentId, image.ContentId);
        Assert.Equal(inline.Content, image.Bytes());
        Assert.Contains($"cid:{image.ContentId}", Assert.IsType<TextPart>(related.Root).Text);
        Assert.Equal(1, related.IndexOf(new Uri($"cid:{image.ContentId}")));
        var calendar = Assert.IsType<TextPart>(alternative[2]);
        Assert.Equal("REQUEST", calendar.ContentType.Parameters["method"]);
        Assert.StartsWith("BEGIN:VCALENDAR", calendar.ExactText());
        var files = mixed.Skip(1).Cast<MimePart>().ToList();
        Assert.Equal(["invite.ics", "check-in-code.png"], files.Select(f => f.FileName));
        Assert.All(files, f => Assert.True(f.IsAttachment));
        Assert.Equal(inline.Content, files[1].Bytes());
    }

    [Fact]
    public async Task The_online_confirmation_has_a_join_button_and_no_QR_code()
    {
        var ev = await app.CreateAsync(kind: EventKind.ConversationSpace);
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Online Smile", "on@online-smile.example"));

        var email = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "on@online-smile.example"));

        Assert.DoesNotContain(email.Attachments, a => a.ContentType == "image/png");
        Assert.DoesNotContain("cid:", email.HtmlBody);
        Assert.Contains(">Join the session</a></td></tr></table>", email.HtmlBody);
        Assert.Contains("Join the session:\nhttps://zoom.example/j/secret-joining-link\nThis link is just for people with a place", email.TextBody);
        Assert.DoesNotContain("Map:", email.TextBody);
        // Without inline images the HTML is a plain alternative, as before.
        var alternative = Assert.IsType<MultipartAlternative>(Assert.IsType<Multipart>(Reparse(app.Services.GetRequiredService<MessageComposer>().Compose(email)).Body)[0]);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
    }

    [Fact]
    public async Task The_contacts_summary_says_when_and_where_and_links_to_the_calendar_download()
    {
        var ev = await app.CreateAsync(change: e => e.MapUrl = "https://maps.example/summary");
        await app.RegisterAsync(TestEvents.Request(ev.Id, "Summary Cedar", "s@summary-cedar.example"));

        var summary = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "contact@summarycedar.example"));

        Assert.Equal("registration-confirmation", summary.Purpose);
        Assert.Contains($"When: {EventTime.When(ev)} (UK time)\n", summary.TextBody);
        Assert.Contains("Where: The Community Hall, 1 High Street, Birmingham, B1 1AA\n", summary.TextBody);
        Assert.Contains("Map: Open the map of the venue https://maps.example/summary\n", summary.TextBody);
        var calendarUrl = Site.Url(SiteLinks.EventCalendarPath(ev.Id));
        Assert.Contains($"Calendar: Add this event to your calendar (.ics file) {calendarUrl}\n", summary.TextBody);
        Assert.Contains($"<a href=\"{calendarUrl}\" style=\"color:#9b2242;\">Add this event to your calendar (.ics file)</a>", summary.HtmlBody);
        // The download is really there, for anyone, as an iCalendar file.
        var download = await app.CreateClient().GetAsync(SiteLinks.EventCalendarPath(ev.Id));
        Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/calendar", download.Content.Headers.ContentType!.MediaType);
        // The manage link is the email's button.
        Assert.Matches("<a href=\"https://[^\"]+/registrations/[A-Za-z0-9_-]{43}\" style=\"display:inline-block;", summary.HtmlBody);
    }

    [Fact]
    public void The_builder_encodes_everything_given_links_only_web_addresses_and_has_a_default_reason()
    {
        var site = new SiteOptions { Name = "H&M <Community>", ContactEmail = "hello@example.org", BaseUrl = "https://example.org" };

        var email = new EmailBuilder("to@example.org", "To", "Subject <b>", "test")
            .Paragraph("<script>alert(1)</script>")
            .Details(("Map", "Open", "javascript:alert(1)"), ("Site", "Open", "https://example.org/?a=<b>"))
            .Button("Go <now>", "https://example.org/go?x=1&y=2")
            .Build(site);

        Assert.DoesNotContain("<script>", email.HtmlBody);
        Assert.DoesNotContain("javascript:", email.HtmlBody);
        Assert.Contains("<td style=\"padding:4px 0;\">Open</td>", email.HtmlBody); // the unsafe URL left as text
        Assert.Contains("href=\"https://example.org/?a=&lt;b&gt;\"", email.HtmlBody);
        Assert.Contains("href=\"https://example.org/go?x=1&amp;y=2\"", email.HtmlBody);
        Assert.Contains("<title>Subject &lt;b&gt;</title>", email.HtmlBody);
        Assert.Contains("H&amp;M &lt;Community&gt;", email.HtmlBody);
        Assert.Contains("Go <now>:\nhttps://example.org/go?x=1&y=2\n", email.TextBody);
        Assert.Contains(EmailLayout.DefaultReason(site), email.TextBody);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(EmailLayout.DefaultReason(site)), email.HtmlBody);
        Assert.Contains("\n-- \n", email.TextBody); // the footer is a signature block to mail clients

        // A bare web address as a value links to itself, and is not repeated in the text.
        var map = new EmailBuilder("to@example.org", "To", "Map", "test").Details(("Map", "https://maps.example/x?a=1&b=2"), ("Note", "javascript:x")).Build(site);
        Assert.Contains("<a href=\"https://maps.example/x?a=1&amp;b=2\" style=\"color:#9b2242;\">https://maps.example/x?a=1&amp;b=2</a>", map.HtmlBody);
        Assert.Contains("<td style=\"padding:4px 0;\">javascript:x</td>", map.HtmlBody);
        Assert.Contains("Map: https://maps.example/x?a=1&b=2\nNote: javascript:x\n", map.TextBody);
    }

    /// <summary>The message written out and read back, as a receiving client would meet it.</summary>
    private static MimeMessage Reparse(MimeMessage message)
    {
        using var bytes = new MemoryStream();
        message.WriteTo(bytes);
        bytes.Position = 0;
        return MimeMessage.Load(bytes);
    }
}
