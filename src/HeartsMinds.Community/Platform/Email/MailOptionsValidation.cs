using System.Net.Mail;

namespace HeartsMinds.Community.Platform.Email;

internal static class MailOptionsValidation
{
    public static bool HasValidFrom(MailOptions options)
    {
        try { return new MailAddress(options.From).Address.Length > 0; }
        catch (FormatException) { return false; }
    }
}
