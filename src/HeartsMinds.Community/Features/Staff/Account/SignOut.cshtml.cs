using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.Staff.Account;

/// <summary>Signing out is a POST (with the antiforgery token), so a link on another site cannot sign staff out.</summary>
public sealed class SignOutModel(SignInManager<StaffUser> signInManager) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        TempData["Notice"] = "You have signed out.";
        return Redirect("/account/sign-in");
    }
}
