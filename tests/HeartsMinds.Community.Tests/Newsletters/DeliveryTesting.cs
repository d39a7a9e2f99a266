using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Features.Newsletters;
using HeartsMinds.Community.Tests.Email;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HeartsMinds.Community.Tests.Newsletters;

/// <summary>
/// Shared set-up for the newsletter delivery tests: an app whose newsletters go to an <see cref="SmtpSink"/>, with its
/// background senders, the outbox and Quartz off, so each test starts newsletters (<see cref="NewsletterDesk.StartDueAsync"/>)
/// and sends batches (<see cref="NewsletterSender.SendBatchAsync"/>) by hand.
/// </summary>
internal static partial class DeliveryTesting
{
    public const string Staff = "editor@test.heartsminds.local";

    /// <summary>A new app on <paramref name="database"/> (null: a fresh database of its own) sending to <paramref name="sink"/>.</summary>
    public static CommunityAppFactory NewslettersTo(SmtpSink sink, TimeProvider clock, string? database = null,
        params (string Key, string Value)[] settings)
    {
        var app = (database is null ? new CommunityAppFactory() : CommunityAppFactory.ForDatabase(database))
            .SendingTo(sink)
            .WithClock(clock)
            .WithSetting("Scheduling:Enabled", "false")
            .WithSetting("Newsletters:SendingEnabled", "false")
            // No rate cap, so batches go as fast as the sink takes them (the cap is not what these tests are about).
            .WithSetting("Newsletters:MessagesPerMinute", "0");
        foreach (var (key, value) in settings) app.WithSetting(key, value);
        return app;
    }

    public static NewsletterSender Sender(this CommunityAppFactory app) => app.Services.GetRequiredService<NewsletterSender>();

    /// <summary>Runs <paramref name="work"/> with the desk of a fresh scope, as a page or the start job would.</summary>
    public static async Task<T> DeskAsync<T>(this CommunityAppFactory app, Func<NewsletterDesk, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<NewsletterDesk>());
    }

    /// <summary>A newsletter scheduled for <paramref name="at"/>, written through the desk.</summary>
    public static Task<long> ScheduledAsync(this CommunityAppFactory app, DateTimeOffset at, string subject = "Spring news",
        string body = "## Hello\n\nOur [annual report](https://example.org/annual-report) is out.") =>
        app.DeskAsync(async desk =>
        {
            var id = await desk.CreateDraftAsync(Staff, default);
            Assert.True(await desk.SaveAsync(id, subject, "What the community did this spring", body, Staff, default));
            Assert.True(await desk.ScheduleAsync(id, at, Staff, default));
            return id;
        });

    /// <summary>A newsletter scheduled for the app's present and started (its deliveries written).</summary>
    public static async Task<long> StartedAsync(this CommunityAppFactory app, TimeProvider clock)
    {
        var id = await app.ScheduledAsync(clock.GetUtcNow());
        Assert.Equal(1, await app.DeskAsync(desk => desk.StartDueAsync(default)));
        return id;
    }

    /// <summary>Signatories written straight to the database (the sign-up has its own tests): <paramref name="count"/>
    /// of them, addresses {prefix}{n}@newsletter.example from 1.</summary>
    public static Task<List<long>> SignatoriesAsync(this CommunityAppFactory app, int count, string prefix,
        SignatoryStatus status = SignatoryStatus.Confirmed, bool wantsNewsletter = true) =>
        app.WithDbAsync(db => db.Database.SqlQuery<long>($"""
            INSERT INTO charter_signatories (organisation_name, contact_name, role, email, email_key, region, status,
                wants_newsletter, wants_invitations, listed_publicly, created_at, updated_at, confirmed_at, withdrawn_at)
            SELECT 'Group ' || {prefix} || n, 'Contact ' || {prefix} || n, 'Coordinator', {prefix} || n || '@newsletter.example',
                   {prefix} || n || '@newsletter.example', 'WestMidlands', {status.ToString()}, {wantsNewsletter}, true, false,
                   now() - interval '10 days', now() - interval '10 days',
                   CASE WHEN {status.ToString()} = 'Pending' THEN NULL ELSE now() - interval '9 days' END,
                   CASE WHEN {status.ToString()} = 'Withdrawn' THEN now() - interval '1 day' END
            FROM generate_series(1, {count}) n
            RETURNING id AS "Value"
            """).ToListAsync());

    public static Task<List<NewsletterDelivery>> DeliveriesAsync(this CommunityAppFactory app, long newsletterId) =>
        app.WithDbAsync(db => db.NewsletterDeliveries.AsNoTracking().Where(d => d.NewsletterId == newsletterId).OrderBy(d => d.Id).ToListAsync());

    public static Task<Newsletter> NewsletterAsync(this CommunityAppFactory app, long id) =>
        app.WithDbAsync(db => db.Newsletters.AsNoTracking().SingleAsync(n => n.Id == id));

    /// <summary>Runs SQL on the app's database (to play a sender that died, or to let time pass for a retry).</summary>
    public static Task<int> SqlAsync(this CommunityAppFactory app, FormattableString sql) =>
        app.WithDbAsync(db => db.Database.ExecuteSqlAsync(sql));

    /// <summary>A delivery waiting for a retry is due now.</summary>
    public static Task<int> MakeDueAsync(this CommunityAppFactory app, long deliveryId) =>
        app.SqlAsync($"UPDATE newsletter_deliveries SET next_attempt_at = now() WHERE id = {deliveryId}");

    /// <summary>Sends batches until one claims nothing (which also marks finished newsletters as sent); returns how many were sent.</summary>
    public static async Task<int> SendAllAsync(this NewsletterSender sender)
    {
        var sent = 0;
        for (var batches = 0; ; batches++)
        {
            Assert.True(batches < 1000, "the sender kept finding work");
            var report = await sender.SendBatchAsync();
            sent += report.Sent;
            if (report.Claimed == 0) return sent;
        }
    }

    /// <summary>The addresses in angle brackets in a List-Unsubscribe header.</summary>
    public static List<string> UnsubscribeTargets(this MimeMessage mail) =>
        AngleBracketed().Matches(mail.Headers["List-Unsubscribe"] ?? "").Select(m => m.Groups[1].Value).ToList();

    public static string Recipient(this SmtpSink.ReceivedMessage message) => Assert.Single(message.Recipients);

    /// <summary>The Message-ID header the composer writes for a delivery (Site:BaseUrl is https://localhost in tests).</summary>
    public static string WireMessageId(this NewsletterDelivery delivery) => $"<{delivery.MessageId:D}@localhost>";

    [GeneratedRegex("<([^>]+)>")]
    private static partial Regex AngleBracketed();
}
