using System.Net;
using HeartsMinds.Community.Features.Staff;
using HeartsMinds.Community.Features.Staff.Account;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Staff;

public sealed class SignInTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task The_right_password_signs_in_and_opens_the_staff_area_and_sign_out_closes_it()
    {
        var client = app.CreateBrowserLikeClient();

        var signIn = await client.SubmitAsync("/account/sign-in?ReturnUrl=%2Fmanage%2Fstaff",
            ("Input.Email", CommunityAppFactory.AdminEmail), ("Input.Password", CommunityAppFactory.AdminPassword), ("ReturnUrl", "/manage/staff"));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/manage/staff", signIn.Headers.Location!.OriginalString);
        Assert.Contains("Staff area", await client.GetStringAsync("/manage"));

        var signOut = await client.SubmitAsync("/manage", [], action: "/account/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/manage")).StatusCode);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var response = await app.CreateBrowserLikeClient().SubmitAsync("/account/sign-in",
            ("Input.Email", CommunityAppFactory.AdminEmail), ("Input.Password", CommunityAppFactory.AdminPassword), ("ReturnUrl", "https://evil.example/"));

        Assert.Equal("/manage", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("", "", "Enter your email address")]
    [InlineData("not-an-email", "whatever", "Enter an email address like name@example.org")]
    [InlineData(CommunityAppFactory.AdminEmail, "", "Enter your password")]
    public async Task Empty_or_malformed_input_gets_a_clear_message_and_400(string email, string password, string message)
    {
        var response = await app.CreateBrowserLikeClient().SubmitAsync("/account/sign-in", ("Input.Email", email), ("Input.Password", password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
    }

    [Fact]
    public async Task Ten_thousand_characters_get_a_clear_message_and_400_not_a_500()
    {
        var huge = new string('a', 10_000);
        var client = app.CreateBrowserLikeClient();

        var longEmail = await client.SubmitAsync("/account/sign-in", ("Input.Email", huge + "@example.org"), ("Input.Password", "x"));
        var longPassword = await client.SubmitAsync("/account/sign-in", ("Input.Email", "someone@example.org"), ("Input.Password", huge));

        Assert.Equal(HttpStatusCode.BadRequest, longEmail.StatusCode);
        Assert.Contains("at most 256 characters", await longEmail.TextAsync());
        Assert.Equal(HttpStatusCode.BadRequest, longPassword.StatusCode);
        Assert.Contains("at most 200 characters", await longPassword.TextAsync());
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        const string email = "locked.out@test.heartsminds.local";
        const string password = "a long and correct password";
        await CreateStaffAsync(email, password);
        var client = app.CreateBrowserLikeClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await client.SubmitAsync("/account/sign-in", ("Input.Email", email), ("Input.Password", "wrong password " + attempt));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }
        var right = await client.SubmitAsync("/account/sign-in", ("Input.Email", email), ("Input.Password", password));

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains(SignInModel.SignInRefused, await right.TextAsync());
        Assert.DoesNotContain("/manage", right.Headers.Location?.ToString() ?? "");
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_email_and_a_locked_account_get_the_same_answer()
    {
        const string lockedEmail = "locked.same@test.heartsminds.local";
        await CreateStaffAsync(lockedEmail, "a long and correct password");
        var client = app.CreateBrowserLikeClient();
        for (var attempt = 1; attempt <= 5; attempt++)
            await client.SubmitAsync("/account/sign-in", ("Input.Email", lockedEmail), ("Input.Password", "wrong password " + attempt));

        var wrongPassword = await client.SubmitAsync("/account/sign-in", ("Input.Email", CommunityAppFactory.AdminEmail), ("Input.Password", "not it at all"));
        var unknown = await client.SubmitAsync("/account/sign-in", ("Input.Email", "nobody@example.org"), ("Input.Password", "not it at all"));
        var locked = await client.SubmitAsync("/account/sign-in", ("Input.Email", lockedEmail), ("Input.Password", "a long and correct password"));

        var answers = new[] { wrongPassword, unknown, locked };
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode));
        var errors = await Task.WhenAll(answers.Select(async answer => ErrorSummary(await answer.TextAsync())));
        Assert.All(errors, error => Assert.Equal(SignInModel.SignInRefused, error));
    }

    /// <summary>The text of the page's error summary list.</summary>
    private static string ErrorSummary(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "error-summary__list\">\\s*<li>(.*?)</li>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(match.Success, "The page has no error summary.");
        return match.Groups[1].Value.Trim();
    }

    private async Task CreateStaffAsync(string email, string password)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, DisplayName = "Test staff" };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        await users.AddToRoleAsync(user, StaffRoles.Staff);
    }
}
