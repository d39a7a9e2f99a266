using System.Text.Json;
using HeartsMinds.Community.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// "Everything you hold about us": the signatory's row (staff notes included), when their private links were made
/// and used (never the tokens or hashes), the event invitations written for them, and the emails we sent them.
/// </summary>
public static class SignatoryExport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<byte[]> JsonAsync(CommunityDb db, Signatory s, CancellationToken cancellationToken)
    {
        var links = await db.SignatoryLinks.AsNoTracking().Where(l => l.SignatoryId == s.Id).OrderBy(l => l.Id)
            .Select(l => new { purpose = l.Purpose.ToString(), l.CreatedAt, l.ExpiresAt, l.UsedAt, l.RevokedAt }).ToListAsync(cancellationToken);
        var invitations = await db.CharterInvitations.AsNoTracking().Where(i => i.SignatoryId == s.Id)
            .Join(db.Events, i => i.EventId, e => e.Id, (i, e) => new { eventId = e.Id, eventTitle = e.Title, eventStartsAt = e.StartsAt, sentAt = i.CreatedAt })
            .OrderBy(i => i.sentAt).ToListAsync(cancellationToken);
        var emails = await db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress.ToLower() == s.EmailKey && m.Purpose.StartsWith("charter"))
            .OrderBy(m => m.Id).Select(m => new { m.Subject, m.Purpose, m.CreatedAt, m.SentAt }).ToListAsync(cancellationToken);
        var everything = new
        {
            organisationName = s.OrganisationName,
            contactName = s.ContactName,
            role = s.Role,
            email = s.Email,
            region = EnglishRegions.Name(s.Region),
            postcode = s.Postcode,
            website = s.Website,
            description = s.Description,
            status = s.Status.ToString(),
            wantsNewsletter = s.WantsNewsletter,
            wantsInvitations = s.WantsInvitations,
            listedPublicly = s.ListedPublicly,
            staffNotes = s.StaffNotes,
            createdAt = s.CreatedAt,
            updatedAt = s.UpdatedAt,
            confirmationSentAt = s.ConfirmationSentAt,
            confirmedAt = s.ConfirmedAt,
            withdrawnAt = s.WithdrawnAt,
            privateLinks = links,
            eventInvitations = invitations,
            emails,
        };
        return JsonSerializer.SerializeToUtf8Bytes(everything, Json);
    }
}
