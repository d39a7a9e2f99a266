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
        if (result.IsLockedOut)
        {
            logger.LogWarning("Staff sign-in refused: account locked out");
            ModelState.AddModelError(string.Empty,
                "This account is locked for 15 minutes after too many attempts. Wait, then try again, or ask an administrator to help.");
            return Invalid();
        }
        // Same message whether the email or the password was wrong, so the form does not reveal who has an account.
        ModelState.AddModelError(string.Empty, "The email address or password is not right. Check them and try again.");
        return Invalid();
    }

    private PageResult Invalid()
    {
        Input.Password = "";
        return BadRequestPage();
    }
}
