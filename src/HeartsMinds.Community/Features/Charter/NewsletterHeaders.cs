using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// For newsletter emails to signatories: the headers that give mail apps their own "Unsubscribe" button
/// (RFC 2369 List-Unsubscribe) that works with one click (RFC 8058: the app POSTs "List-Unsubscribe=One-Click" to
/// the address, which <see cref="CharterEndpoints"/> answers), with a mailto: address beside it for mail apps that
/// only write (staff read the contact mailbox). <paramref name="preferencesToken"/> is a fresh
/// preferences link's token (<see cref="CharterLinks.Issue"/>), the same one the email's own links use.
/// </summary>
public static class NewsletterHeaders
{
    public static OutboxMessage WithOneClickUnsubscribe(this OutboxMessage message, SiteOptions site, string preferencesToken)
    {
        message.Headers["List-Unsubscribe"] = $"<{site.CharterUnsubscribeLink(preferencesToken)}>, <mailto:{site.ContactEmail}?subject=Unsubscribe>";
        message.Headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
        return message;
    }
}
