using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;

namespace HeartsMinds.Community.Features.DevMailbox;

/// <summary>Development only: one email from the pickup directory, with its headers, text, HTML and other parts.</summary>
public sealed class MailboxMessageModel(DevMailbox mailbox) : PageModel
{
    public string Name { get; private set; } = "";
    public MimeMessage Message { get; private set; } = null!;
    public string? Text { get; private set; }
    public string? Html { get; private set; }

    /// <summary>Calendar invitations and attachments: every part that is not the text or the HTML body.</summary>
    public IReadOnlyList<(int Index, MimePart Part)> OtherParts { get; private set; } = [];

    public IActionResult OnGet(string name)
    {
        if (mailbox.Open(name) is not { } message) return NotFound();
        Name = name;
        Message = message;
        var text = DevMailboxEndpoints.TextBody(message);
        var html = DevMailboxEndpoints.HtmlBody(message);
        Text = text?.Text;
        Html = html?.Text;
        OtherParts = DevMailboxEndpoints.Parts(message).Select((part, index) => (index, part))
            .Where(p => !ReferenceEquals(p.part, text) && !ReferenceEquals(p.part, html))
            .ToList();
        return Page();
    }

    public string PartUrl(int index) => $"/dev/mailbox/{Uri.EscapeDataString(Name)}/parts/{index}";
    public string HtmlUrl => $"/dev/mailbox/{Uri.EscapeDataString(Name)}/html";
}
