using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Staff;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Staff;

public sealed partial class StaffAccountsTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task An_admin_invites_a_colleague_who_chooses_a_password_and_can_use_the_staff_area_but_not_manage_staff()
    {
        var admin = await app.SignedInAdminAsync();

        var invite = await admin.SubmitAsync("/manage/staff",
            [new("Invite.DisplayName", "Priya Shah"), new("Invite.Email", "priya@test.heartsminds.local"), new("Invite.Role", "Staff")],
            action: "/manage/staff?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        Assert.Contains("Invitation sent to priya@test.heartsminds.local", await admin.GetStringAsync("/manage/staff"));

        var email = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "priya@test.heartsminds.local"));
        Assert.Equal(StaffInvitation.Purpose, email.Purpose);
        var link = new Uri(InvitationLink().Match(email.TextBody).Value);

        var colleague = app.CreateBrowserLikeClient();
        var accept = await colleague.SubmitAsync(link.PathAndQuery,
            [new("Input.Password", "three unrelated words"), new("Input.ConfirmPassword", "three unrelated words")],
            action: link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);
        Assert.Contains("Hello Priya Shah", await colleague.GetStringAsync("/manage"));
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.GetAsync("/manage/staff")).StatusCode); // to access denied

        // The link works once.
        var again = await app.CreateBrowserLikeClient().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // the form shows; using it fails:
        var reuse = await app.CreateBrowserLikeClient().SubmitAsync(link.PathAndQuery,
            [new("Input.Password", "another three words"), new("Input.ConfirmPassword", "another three words")], action: link.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Contains("This invitation link doesn't work", await reuse.TextAsync());
    }

    [Fact]
    public async Task Inviting_an_email_that_already_has_an_account_gets_a_clear_message_and_no_email()
    {
        var admin = await app.SignedInAdminAsync();

        var response = await admin.SubmitAsync("/manage/staff",
            [new("Invite.DisplayName", "Someone"), new("Invite.Email", CommunityAppFactory.AdminEmail), new("Invite.Role", "Admin")],
            action: "/manage/staff?handler=Invite");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already has a staff account", await response.TextAsync());
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == CommunityAppFactory.AdminEmail)));
    }

    [Fact]
    public async Task A_made_up_role_is_refused()
    {
        var admin = await app.SignedInAdminAsync();

        var response = await admin.SubmitAsync("/manage/staff",
            [new("Invite.DisplayName", "Someone"), new("Invite.Email", "someone.else@test.heartsminds.local"), new("Invite.Role", "SuperUser")],
            action: "/manage/staff?handler=Invite");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose Staff or Admin", await response.TextAsync());
    }

    [Fact]
    public async Task An_admin_cannot_remove_themselves_but_can_remove_a_colleague()
    {
        var admin = await app.SignedInAdminAsync();
        await admin.SubmitAsync("/manage/staff",
            [new("Invite.DisplayName", "Leaving Soon"), new("Invite.Email", "leaving@test.heartsminds.local"), new("Invite.Role", "Staff")],
            action: "/manage/staff?handler=Invite");
        var (adminId, leaverId) = await app.WithDbAsync(async db => (
            (await db.Users.SingleAsync(u => u.Email == CommunityAppFactory.AdminEmail)).Id,
            (await db.Users.SingleAsync(u => u.Email == "leaving@test.heartsminds.local")).Id));

        var self = await admin.SubmitAsync("/manage/staff", [], action: $"/manage/staff?handler=Remove&id={adminId}");
        var colleague = await admin.SubmitAsync("/manage/staff", [], action: $"/manage/staff?handler=Remove&id={leaverId}");
        var unknown = await admin.SubmitAsync("/manage/staff", [], action: "/manage/staff?handler=Remove&id=no-such-id");

        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("can't remove your own account", await self.TextAsync());
        Assert.Equal(HttpStatusCode.Redirect, colleague.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == leaverId)));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_new_password_link_lifts_a_lockout_and_lets_the_person_choose_a_new_password()
    {
        var admin = await app.SignedInAdminAsync();
        await admin.SubmitAsync("/manage/staff",
            [new("Invite.DisplayName", "Forgetful Fran"), new("Invite.Email", "fran@test.heartsminds.local"), new("Invite.Role", "Staff")],
            action: "/manage/staff?handler=Invite");
        var id = await app.WithDbAsync(async db => (await db.Users.SingleAsync(u => u.Email == "fran@test.heartsminds.local")).Id);
        var firstLink = new Uri(InvitationLink().Match((await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "fran@test.heartsminds.local"))).TextBody).Value);
        var fran = app.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
            await fran.SubmitAsync("/account/sign-in", ("Input.Email", "fran@test.heartsminds.local"), ("Input.Password", "guess number " + i));

        var resend = await admin.SubmitAsync("/manage/staff", [], action: $"/manage/staff?handler=SendLink&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);

        var messages = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == "fran@test.heartsminds.local").OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(2, messages.Count);
        var newLink = new Uri(InvitationLink().Match(messages[1].TextBody).Value);
        var stale = await app.CreateBrowserLikeClient().SubmitAsync(firstLink.PathAndQuery,
            [new("Input.Password", "the first link is stale"), new("Input.ConfirmPassword", "the first link is stale")], action: firstLink.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        var chosen = await fran.SubmitAsync(newLink.PathAndQuery,
            [new("Input.Password", "remembered this time"), new("Input.ConfirmPassword", "remembered this time")], action: newLink.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Contains("Hello Forgetful Fran", await fran.GetStringAsync("/manage"));
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("1%00")] // PostgreSQL refuses text with a NUL in it, so such an id must not reach the lookup
    public async Task A_broken_invitation_link_gets_a_clear_400(string user)
    {
        var response = await app.CreateBrowserLikeClient().GetAsync($"/account/accept-invitation?user={user}&token=rubbish");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This invitation link doesn't work", await response.TextAsync());
    }

    [Theory]
    [InlineData("SendLink", "nobody")]
    [InlineData("SendLink", "1%00")]
    [InlineData("Remove", "1%00")]
    public async Task A_made_up_account_id_is_not_found(string handler, string id)
    {
        var admin = await app.SignedInAdminAsync();

        var response = await admin.SubmitAsync("/manage/staff", [], action: $"/manage/staff?handler={handler}&id={id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Removing_a_colleague_signs_them_out_everywhere_at_once()
    {
        var admin = await app.SignedInAdminAsync();
        var colleague = await InvitedAndSignedInAsync(admin, "Gone Today", "gone@test.heartsminds.local");
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/manage")).StatusCode);
        var id = await app.WithDbAsync(async db => (await db.Users.SingleAsync(u => u.Email == "gone@test.heartsminds.local")).Id);

        await admin.SubmitAsync("/manage/staff", [], action: $"/manage/staff?handler=Remove&id={id}");

        var after = await colleague.GetAsync("/manage");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_empty_invitation_or_the_same_invitation_twice_at_once_gets_a_clear_answer_and_one_account()
    {
        var admin = await app.SignedInAdminAsync();
        var empty = await admin.SubmitAsync("/manage/staff",
            [new("Invite.DisplayName", "Nobody"), new("Invite.Email", "   "), new("Invite.Role", "Staff")], action: "/manage/staff?handler=Invite");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Enter the person", await empty.TextAsync());

        var twice = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.SubmitAsync("/manage/staff",
            [new("Invite.DisplayName", "Double Click"), new("Invite.Email", "double@test.heartsminds.local"), new("Invite.Role", "Staff")],
            action: "/manage/staff?handler=Invite")));

        Assert.All(twice, answer => Assert.True(answer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{answer.StatusCode}"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "double@test.heartsminds.local")));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "double@test.heartsminds.local")));
    }

    [Fact]
    public async Task Sending_a_new_password_link_twice_at_once_answers_both_and_sends_at_most_two()
    {
        var admin = await app.SignedInAdminAsync();
        await admin.SubmitAsync("/manage/staff",
            [new("Invite.DisplayName", "Twice Sent"), new("Invite.Email", "twice@test.heartsminds.local"), new("Invite.Role", "Staff")],
            action: "/manage/staff?handler=Invite");
        var id = await app.WithDbAsync(async db => (await db.Users.SingleAsync(u => u.Email == "twice@test.heartsminds.local")).Id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            admin.SubmitAsync("/manage/staff", [], action: $"/manage/staff?handler=SendLink&id={id}")));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode));
        var links = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "twice@test.heartsminds.local"));
        Assert.InRange(links, 2, 7); // the invitation, then one link per click that got through
    }

    private async Task<HttpClient> InvitedAndSignedInAsync(HttpClient admin, string name, string email)
    {
        await admin.SubmitAsync("/manage/staff",
            [new("Invite.DisplayName", name), new("Invite.Email", email), new("Invite.Role", "Staff")], action: "/manage/staff?handler=Invite");
        var message = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == email));
        var link = new Uri(InvitationLink().Match(message.TextBody).Value);
        var colleague = app.CreateBrowserLikeClient();
        await colleague.SubmitAsync(link.PathAndQuery,
            [new("Input.Password", "three unrelated words"), new("Input.ConfirmPassword", "three unrelated words")], action: link.PathAndQuery);
        return colleague;
    }

    [GeneratedRegex(@"https://localhost/account/accept-invitation\?\S+")]
    private static partial Regex InvitationLink();
}
