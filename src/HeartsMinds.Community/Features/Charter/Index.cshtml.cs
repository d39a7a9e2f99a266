using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// The Charter in full, and the form to sign it. Signing makes (or finds) a pending signatory and emails a
/// confirmation link (<see cref="CharterDesk"/>); the answer is the same "check your email" whoever's address it is.
/// A filled-in honeypot (a field people can't see) is treated as done, and nothing is stored.
/// </summary>
public sealed class CharterModel(CharterDesk desk, IOptions<CharterOptions> options, IOptions<SiteOptions> site) : CommunityPageModel
{
    [BindProperty] public SignatoryForm Input { get; set; } = new();

    /// <summary>The honeypot: hidden from people and screen readers, so only a bot fills it in.</summary>
    [BindProperty] public string? Homepage { get; set; }

    /// <summary>Where to ask to be on the map of services: the configured page, else a mailto.</summary>
    public string MapLink => options.Value.MapOfServicesUrl ?? $"mailto:{site.Value.ContactEmail}?subject=Our%20service%20on%20the%20map";
    public bool MapIsEmail => options.Value.MapOfServicesUrl is null;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Homepage)) return Done(Input.Email);
        CharterFormRules.Validate(Input, ModelState, signing: true);
        if (!ModelState.IsValid) return BadRequestPage();
        await desk.SignAsync(Input, cancellationToken);
        return Done(Input.Email);
    }

    private IActionResult Done(string? email)
    {
        TempData[CheckEmailModel.SentToKey] = email?.Trim();
        return SeeOther(Url.Page("/Charter/CheckEmail")!);
    }
}
