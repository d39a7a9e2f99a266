using MimeKit;

namespace HeartsMinds.Community.Platform.Email;

internal static class MailOptionsValidation
{
    /// <summary>One address, with an optional display name, that MimeKit can put in the From header.</summary>
    public static bool HasValidFrom(MailOptions options) =>
        MailboxAddress.TryParse(options.From, out var from) && from.Address.Contains('@');
}
