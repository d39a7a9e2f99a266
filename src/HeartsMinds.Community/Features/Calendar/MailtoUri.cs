using System.Globalization;
using System.Text;

namespace HeartsMinds.Community.Features.Calendar;

/// <summary>An email address as the calendar address of an organiser or attendee (a mailto: URI, RFC 6068).</summary>
public static class MailtoUri
{
    /// <summary>Whether the address can be written as a calendar address at all (no spaces, controls or quotes).</summary>
    public static bool IsUsable(string email) =>
        !string.IsNullOrWhiteSpace(email) && !email.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '"');

    /// <summary>
    /// "mailto:" and the address, with anything that would end or change the URI ('%', '?', '#', '/', brackets,
    /// non-ASCII) percent-encoded as UTF-8, so "a?b@x.org" is not read as the address "a" with a query.
    /// Ical.Net writes the URI as given.
    /// </summary>
    public static string For(string email)
    {
        if (!IsUsable(email)) throw new ArgumentException($"Not a usable email address: '{email}'.", nameof(email));
        var uri = new StringBuilder("mailto:");
        foreach (var b in Encoding.UTF8.GetBytes(email))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "!$&'()*+,;=-._~@".Contains(c))) uri.Append(c);
            else uri.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return uri.ToString();
    }
}
