using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.DevMailbox;

/// <summary>Development only: every email the app has written to the pickup directory, newest first.</summary>
public sealed class MailboxModel(DevMailbox mailbox) : PageModel
{
    public string Delivery => mailbox.Delivery.Description;
    public IReadOnlyList<MailboxEntry> Messages { get; private set; } = [];

    public void OnGet() => Messages = mailbox.List();
}
