using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// "Are you sure?" before places are given up, as a page of its own so that it works without JavaScript and a mail
/// scanner following a link frees nothing: GET asks, POST does it, and both go back to the private page with a notice.
/// What the link and query ask for is the subclass's <see cref="ChooseAsync"/>.
/// </summary>
public abstract class CancellationPageModel : CommunityPageModel
{
    public string Token { get; private set; } = "";
    public Cancellation Cancellation { get; private set; } = null!;

    [TempData] public string? Notice { get; set; }

    /// <summary>The private page to go back to, given the token.</summary>
    protected abstract string BackPage { get; }

    /// <summary>What this link and query ask to cancel; null when it isn't theirs to cancel.</summary>
    protected abstract Task<Cancellation?> ChooseAsync(string token, CancellationToken cancellationToken);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        if (await ChooseAsync(token, cancellationToken) is not { } cancellation) return NotFound();
        Cancellation = cancellation;
        return cancellation.AlreadyDone is { } notice ? Back(notice) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        if (await ChooseAsync(token, cancellationToken) is not { } cancellation) return NotFound();
        return Back(cancellation.AlreadyDone ?? await cancellation.ConfirmAsync(cancellationToken));
    }

    private StatusCodeResult Back(string notice)
    {
        Notice = notice;
        return SeeOther(Url.Page(BackPage, new { token = Token })!);
    }
}
