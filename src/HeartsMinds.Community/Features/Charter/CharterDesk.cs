using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// Signing and confirming (double opt-in). One signatory per email address (its unique EmailKey): signing again
/// finds the same row and re-sends the link, at most once per <see cref="ResendInterval"/>. Each change commits
/// together with the email it causes.
/// </summary>
public sealed class CharterDesk(CommunityDb db, OutboxSignal signal, TimeProvider clock, IOptions<SiteOptions> site)
{
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(15);

    /// <returns>Whether an email was written (for tests; never shown, so the page tells a stranger nothing).</returns>
    public async Task<bool> SignAsync(SignatoryForm form, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TrySignAsync(form, cancellationToken);
            }
            catch (DbUpdateException e) when (attempt == 1 && DbErrors.IsUniqueViolation(e))
            {
                // Two sign-ups with one address at once: the other made the row; this one now finds it.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<bool> TrySignAsync(SignatoryForm form, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var key = Signatory.KeyOf(form.Email!);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var signatory = await db.Signatories.FromSql($"SELECT * FROM charter_signatories WHERE email_key = {key} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        var recently = signatory?.ConfirmationSentAt > now - ResendInterval;
        OutboxMessage? email = null;

        if (signatory is null)
        {
            signatory = new Signatory { CreatedAt = now };
            CharterFormRules.CopyTo(form, signatory);
            db.Signatories.Add(signatory);
        }
        else if (signatory.Status != SignatoryStatus.Confirmed)
        {
            // Still pending (or withdrawn and signing again): the latest details count, and it waits for confirmation.
            CharterFormRules.CopyTo(form, signatory);
            signatory.Status = SignatoryStatus.Pending;
            signatory.WantsNewsletter = true;
            signatory.WantsInvitations = true;
        }
        else if (!recently)
        {
            email = CharterEmails.AlreadySigned(signatory, CharterLinks.Issue(db, signatory, SignatoryLinkPurpose.Preferences, now), site.Value);
        }

        if (signatory.Status == SignatoryStatus.Pending && !recently)
            email = CharterEmails.Confirm(signatory, CharterLinks.Issue(db, signatory, SignatoryLinkPurpose.Confirm, now), site.Value);
        if (email is not null)
        {
            signatory.ConfirmationSentAt = now;
            db.OutboxMessages.Add(email);
        }
        signatory.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (email is not null) signal.Wake();
        return email is not null;
    }

    /// <summary>Follows a confirmation link: the outcome, and a new preferences token when it shows the thank-you page.</summary>
    public async Task<(ConfirmOutcome Outcome, Signatory? Signatory, string? PreferencesToken)> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var link = await CharterLinks.FindAsync(db, token, SignatoryLinkPurpose.Confirm, cancellationToken);
        if (link is null) return (ConfirmOutcome.NotFound, null, null);
        // The same link followed twice at once (a double click, a mail scanner) confirms once and welcomes once.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM charter_signatories WHERE id = {link.SignatoryId} FOR UPDATE", cancellationToken);
        await db.Entry(link).ReloadAsync(cancellationToken);
        await db.Entry(link.Signatory).ReloadAsync(cancellationToken);
        var signatory = link.Signatory;
        switch (signatory.Status)
        {
            case SignatoryStatus.Withdrawn:
                return (ConfirmOutcome.Withdrawn, signatory, null);
            case SignatoryStatus.Confirmed:
                // A link followed again (or another of their links): the thank-you page, with a fresh private link for the badge.
                var again = CharterLinks.Issue(db, signatory, SignatoryLinkPurpose.Preferences, now);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (ConfirmOutcome.AlreadyConfirmed, signatory, again);
        }
        if (link.UsedAt is not null || link.ExpiresAt <= now) return (ConfirmOutcome.Expired, signatory, null);

        signatory.Status = SignatoryStatus.Confirmed;
        signatory.ConfirmedAt = now;
        signatory.UpdatedAt = now;
        link.UsedAt = now;
        var preferences = CharterLinks.Issue(db, signatory, SignatoryLinkPurpose.Preferences, now);
        db.OutboxMessages.Add(CharterEmails.Welcome(signatory, preferences, site.Value));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return (ConfirmOutcome.Confirmed, signatory, preferences);
    }
}
