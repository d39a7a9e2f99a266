using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Tests.Infrastructure;

namespace HeartsMinds.Community.Tests.Charter;

/// <summary>Signatories written straight to the database (the public sign-up is another part's), for the staff side's tests.</summary>
internal static class CharterTesting
{
    public static async Task<Signatory> SignatoryAsync(this CommunityAppFactory app, string organisation, string email,
        EnglishRegion region = EnglishRegion.WestMidlands, SignatoryStatus status = SignatoryStatus.Confirmed,
        bool wantsInvitations = true, DateTimeOffset? confirmedAt = null, string contact = "Cass Contact")
    {
        var signatory = new Signatory
        {
            OrganisationName = organisation,
            ContactName = contact,
            Role = "Coordinator",
            Email = email,
            EmailKey = Signatory.KeyOf(email),
            Region = region,
            Status = status,
            WantsInvitations = wantsInvitations,
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-10),
            ConfirmedAt = status == SignatoryStatus.Pending ? null : confirmedAt ?? DateTimeOffset.UtcNow.AddDays(-9),
            WithdrawnAt = status == SignatoryStatus.Withdrawn ? DateTimeOffset.UtcNow.AddDays(-1) : null,
        };
        return await app.WithDbAsync(async db =>
        {
            db.Signatories.Add(signatory);
            await db.SaveChangesAsync();
            return signatory;
        });
    }
}
