using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>The emails a signatory gets from the Charter itself (newsletters and invitations are written elsewhere).</summary>
public static class CharterEmails
{
    public const string ConfirmPurpose = "charter-confirm";
    public const string WelcomePurpose = "charter-welcome";
    public const string AlreadySignedPurpose = "charter-already-signed";

    public static OutboxMessage Confirm(Signatory signatory, string token, SiteOptions site) =>
        new EmailBuilder(signatory.Email, signatory.ContactName, "Please confirm you've signed the Hearts and Minds Charter", ConfirmPurpose)
            .Paragraph($"Hello {signatory.ContactName},")
            .Paragraph($"Thank you for signing up to The Hearts and Minds Charter on behalf of {signatory.OrganisationName}. " +
                       "To make sure this address is yours, please confirm with the button below. Until you do, we won't send you anything else.")
            .Button("Confirm our signature", site.CharterConfirmLink(token), $"This link works for {CharterLinks.ConfirmFor.Days} days.")
            .Paragraph("If you didn't sign the Charter, you can ignore this email: without confirmation we delete the details within 30 days.")
            .Because("You're getting this because someone signed The Hearts and Minds Charter with this email address on our website.")
            .Build(site);

    public static OutboxMessage Welcome(Signatory signatory, string preferencesToken, SiteOptions site) =>
        new EmailBuilder(signatory.Email, signatory.ContactName, "Welcome to the Hearts and Minds community", WelcomePurpose)
            .Paragraph($"Hello {signatory.ContactName},")
            .Paragraph($"Thank you for confirming. {signatory.OrganisationName} has signed up to The Hearts and Minds Charter, and is now part of a " +
                       "community of grassroots perinatal mental health services across England.")
            .Paragraph("From now on we'll send you our newsletter and invite you to our events, including the Conversation Space. " +
                       "Your Charter badge, \"I've signed up to the HM Charter\", is ready for your website and social media.")
            .Button("Your badge and preferences", site.CharterPreferencesLink(preferencesToken),
                "This link is private to you: from it you can get your badge, change your details, or turn the newsletter or invitations off.")
            .Paragraph("Please note: signing the Charter doesn't put your service on our map of quality services. If you would like to be on the map, just ask us.")
            .Because("You're getting this because you confirmed your organisation's signature of The Hearts and Minds Charter.")
            .Build(site);

    public static OutboxMessage AlreadySigned(Signatory signatory, string preferencesToken, SiteOptions site) =>
        new EmailBuilder(signatory.Email, signatory.ContactName, "You've already signed the Hearts and Minds Charter", AlreadySignedPurpose)
            .Paragraph($"Hello {signatory.ContactName},")
            .Paragraph($"Someone (we hope you) signed The Hearts and Minds Charter again with this address. {signatory.OrganisationName} has already signed it, so nothing has changed.")
            .Button("Your badge and preferences", site.CharterPreferencesLink(preferencesToken),
                "From this private link you can change your details, or turn the newsletter or invitations on or off.")
            .Because("You're getting this because this address signed The Hearts and Minds Charter on our website.")
            .Build(site);
}
