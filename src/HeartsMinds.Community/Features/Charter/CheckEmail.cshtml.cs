using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>After signing: "check your email", the same whether or not the address was already known.</summary>
public sealed class CheckEmailModel : PageModel
{
    public const string SentToKey = "CharterSentTo";

    public string? SentTo { get; private set; }

    public void OnGet() => SentTo = TempData[SentToKey] as string;
}
