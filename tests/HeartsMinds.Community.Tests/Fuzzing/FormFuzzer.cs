using System.Diagnostics;
using System.Net;

namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// Sends every variant of a form (<see cref="FuzzVariants"/>) as one visitor, on a client of its own. The form is read
/// again from its page first, for a token that belongs to that client and values that are still current; where a
/// variant is answered with a redirect, the page it leads to is fetched too, since that is where a payload shows.
/// A variant that changes who is signed in (accepting an invitation, signing out) would leave the rest refused by
/// antiforgery, so the visitor then starts again as they were.
/// </summary>
public sealed class FormFuzzer(FuzzSender sender, string foreignToken, Random random, string signInCookie)
{
    /// <summary>Forms whose page no longer had them when their turn came (something fuzzed earlier took them away).</summary>
    public List<string> FormsGone { get; } = [];

    /// <summary>Requests and seconds per form, to see where the time goes.</summary>
    public List<(string Shape, int Requests, TimeSpan Time)> Costs { get; } = [];

    public async Task FuzzAsync(FuzzVisitor visitor, FormSubmission crawled)
    {
        var time = Stopwatch.StartNew();
        var sentBefore = sender.Sent;
        var client = await visitor.NewClientAsync();
        var form = await ReadAgainAsync(client, visitor, crawled);
        var token = form.Token;
        foreach (var variant in FuzzVariants.ForForm(form, foreignToken, random))
        {
            var request = token == form.Token ? variant : variant.WithTokenReplaced(form.Token!, token!);
            var answer = await sender.SendAsync(client, visitor.Name, request);
            if (visitor.SignInAgainAsync is { } signIn && IsSignInRedirect(answer))
            {
                // Signed out by an earlier variant (a new password link changes the account's security stamp): sign
                // in again and send this one again.
                await signIn(client);
                answer = await sender.SendAsync(client, visitor.Name, request);
            }
            if (IsRedirect(answer) && PageReader.SameSite(request.Url, answer.Location!) is { } next)
                await sender.SendAsync(client, visitor.Name, FuzzRequest.Get(next) with { Field = request.Field, Payload = request.Payload + ", then the page it led to" });
            if (answer.Cookies.Contains(signInCookie))
            {
                if (visitor.SignInAgainAsync is { } signInAgain) await signInAgain(client);
                else
                {
                    client = await visitor.NewClientAsync();
                    token = (await ReadAgainAsync(client, visitor, form)).Token ?? token;
                }
            }
        }
        Costs.Add((crawled.Shape, sender.Sent - sentBefore, time.Elapsed));
    }

    private static bool IsRedirect(FuzzSender.Answer answer) =>
        answer.Status is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb && answer.Location is not null;

    private static bool IsSignInRedirect(FuzzSender.Answer answer) =>
        IsRedirect(answer) && answer.Location!.StartsWith("/account/sign-in", StringComparison.OrdinalIgnoreCase);

    private async Task<FormSubmission> ReadAgainAsync(HttpClient client, FuzzVisitor visitor, FormSubmission crawled)
    {
        var answer = await sender.SendAsync(client, visitor.Name, FuzzRequest.Get(crawled.Page));
        if (!answer.IsHtml) return crawled with { Token = null };
        var page = PageReader.Parse(answer.Body);
        var forms = PageReader.Forms(page, crawled.Page).Where(f => f.Shape == crawled.Shape).ToList();
        if ((forms.FirstOrDefault(f => f.Action == crawled.Action) ?? forms.FirstOrDefault()) is { } again) return again;
        // Gone from its page: fuzz it as it was, with a token that belongs to this client.
        FormsGone.Add(crawled.Shape);
        return crawled with { Token = crawled.Token is null ? null : PageReader.HtmxHeaderToken(page) };
    }
}
