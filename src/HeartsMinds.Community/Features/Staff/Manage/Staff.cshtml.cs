using System.ComponentModel.DataAnnotations;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Staff.Manage;

/// <summary>Admins see who has a staff account, invite new staff and remove those who have left.</summary>
[Authorize(Policy = StaffAccounts.AdminPolicy)]
public sealed class StaffModel(CommunityDb db, UserManager<StaffUser> users, IOptions<SiteOptions> site, OutboxSignal outbox, TimeProvider clock) : CommunityPageModel
{
    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];
    [BindProperty] public InviteInput Invite { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public sealed record StaffRow(string Id, string DisplayName, string Email, string Role, bool HasPassword, bool IsLockedOut);

    public sealed class InviteInput
    {
        [Required(ErrorMessage = "Enter the person's name")]
        [StringLength(200, ErrorMessage = "A name can be at most 200 characters")]
        [Display(Name = "Name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter the person's email address")]
        [StringLength(256, ErrorMessage = "An email address can be at most 256 characters")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.org")]
        [Display(Name = "Email address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a role")]
        [AllowedValues(StaffRoles.Staff, StaffRoles.Admin, ErrorMessage = "Choose Staff or Admin")]
        public string Role { get; set; } = StaffRoles.Staff;
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        Invite.Email = Invite.Email?.Trim() ?? "";
        if (ModelState.IsValid && await users.FindByEmailAsync(Invite.Email) is not null)
            ModelState.AddModelError("Invite.Email", "Someone already has a staff account with that email address");
        if (!ModelState.IsValid) return await InvalidAsync();

        var user = new StaffUser { UserName = Invite.Email, Email = Invite.Email, DisplayName = Invite.DisplayName.Trim(), EmailConfirmed = true };
        // The account, its role and the invitation email are saved together, or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync();
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same invitation sent twice at once (a double click): the other one made the account.
            ModelState.AddModelError("Invite.Email", "Someone already has a staff account with that email address");
            return await InvalidAsync();
        }
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors) ModelState.AddModelError("Invite.Email", error.Description);
            return await InvalidAsync();
        }
        await users.AddToRoleAsync(user, Invite.Role);
        await SendPasswordLinkAsync(user);
        await transaction.CommitAsync();
        outbox.Wake();

        Notice = $"Invitation sent to {user.Email}.";
        return RedirectToPage();
    }

    /// <summary>For someone who forgot their password or is locked out: a fresh link, and the lockout lifted.</summary>
    public async Task<IActionResult> OnPostSendLinkAsync(string id)
    {
        var user = await users.FindByIdFromRequestAsync(id);
        if (user is null) return NotFound();

        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            // Identity answers a concurrent change of the account with a failed result, not an exception.
            var changed = (await users.SetLockoutEndDateAsync(user, null)).Succeeded
                && (await users.ResetAccessFailedCountAsync(user)).Succeeded
                && (await users.UpdateSecurityStampAsync(user)).Succeeded; // earlier links stop working
            if (changed)
            {
                await SendPasswordLinkAsync(user);
                await transaction.CommitAsync();
                outbox.Wake();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Also a concurrent change, found when the email is saved.
        }
        // Not changed: two clicks at once, and the other one is sending the link.
        Notice = $"A new link to choose a password was sent to {user.Email}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id)
    {
        var user = await users.FindByIdFromRequestAsync(id);
        if (user is null) return NotFound();
        if (user.Id == users.GetUserId(User))
            return await RefuseAsync("You can't remove your own account. Ask another administrator.");
        if (await users.IsInRoleAsync(user, StaffRoles.Admin) && (await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count <= 1)
            return await RefuseAsync("That is the last administrator, so it can't be removed.");

        await users.DeleteAsync(user);
        Notice = $"{user.DisplayName} ({user.Email}) no longer has a staff account.";
        return RedirectToPage();
    }

    /// <summary>Writes the "choose your password" email to the outbox, in the caller's transaction.</summary>
    private async Task SendPasswordLinkAsync(StaffUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var inviter = (await users.GetUserAsync(User))?.DisplayName ?? "A Partnership administrator";
        db.OutboxMessages.Add(StaffInvitation.Email(site.Value, user, inviter, StaffInvitation.Link(site.Value, user.Id, token)));
        await db.SaveChangesAsync();
    }

    private async Task<IActionResult> RefuseAsync(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return await InvalidAsync();
    }

    private async Task<IActionResult> InvalidAsync()
    {
        await LoadAsync();
        return BadRequestPage();
    }

    private async Task LoadAsync()
    {
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync();
        var now = clock.GetUtcNow();
        Staff = (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync())
            .Select(u => new StaffRow(u.Id, u.DisplayName, u.Email ?? "",
                string.Join(", ", roles.Where(r => r.UserId == u.Id).Select(r => r.Name)),
                u.PasswordHash is not null, u.LockoutEnd > now))
            .ToList();
    }
}
