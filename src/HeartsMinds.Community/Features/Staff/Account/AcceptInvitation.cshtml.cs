using HeartsMinds.Community.Platform.Web;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.Staff.Account;

/// <summary>A newly invited member of staff chooses a password from the link in their invitation email.</summary>
public sealed class AcceptInvitationModel(UserManager<StaffUser> users, SignInManager<StaffUser> signInManager) : CommunityPageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public PasswordInput Input { get; set; } = new();
    public bool LinkIsBroken { get; private set; }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Choose a password")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "Choose a password of at least 12 characters (a few unrelated words work well)")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same")]
        [DataType(DataType.Password)]
        [Display(Name = "Type it again")]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await FindInvitedUserAsync();
        return user is null ? BrokenLink() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindInvitedUserAsync();
        if (user is null) return BrokenLink();
        if (!ModelState.IsValid) return BadRequestPage();

        var result = await users.ResetPasswordAsync(user, Token!, Input.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "InvalidToken")) return BrokenLink();
            foreach (var error in result.Errors) ModelState.AddModelError("Input.Password", error.Description);
            return BadRequestPage();
        }
        await signInManager.SignInAsync(user, isPersistent: false);
        return Redirect("/manage");
    }

    private async Task<StaffUser?> FindInvitedUserAsync() =>
        string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token) || UserId.Length > 100 || Token.Length > 2000
            ? null
            : await users.FindByIdFromRequestAsync(UserId);

    private PageResult BrokenLink()
    {
        LinkIsBroken = true;
        return BadRequestPage();
    }

}
