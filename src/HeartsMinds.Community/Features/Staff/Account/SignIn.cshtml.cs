using HeartsMinds.Community.Platform.Web;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.Staff.Account;

public sealed class SignInModel(SignInManager<StaffUser> signInManager, ILogger<SignInModel> logger) : CommunityPageModel
{
    [BindProperty] public SignInInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your email address")]
        [StringLength(256, ErrorMessage = "An email address can be at most 256 characters")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.org")]
        [Display(Name = "Email address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password")]
        [StringLength(200, ErrorMessage = "A password can be at most 200 characters")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    internal const string SignInRefused = "We couldn't sign you in with that email address and password. Check them and try again. " +
        "After 5 wrong tries an account is locked for 15 minutes; an administrator can send you a new link to choose a password.";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Invalid();

        var result = await signInManager.PasswordSignInAsync(Input.Email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff member signed in");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/manage");
        }
        // One message for a wrong password, an unknown email and a locked account, so the form tells nobody who has
        // an account; the log says which.
        logger.LogWarning("Staff sign-in refused: {Reason}", result.IsLockedOut ? "locked out" : "wrong email or password");
        ModelState.AddModelError(string.Empty, SignInRefused);
        return Invalid();
    }

    private PageResult Invalid()
    {
        Input.Password = "";
        return BadRequestPage();
    }
}
