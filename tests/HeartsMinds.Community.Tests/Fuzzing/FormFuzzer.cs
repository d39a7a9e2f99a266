using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// Sends every variant of each form (<see cref="FuzzVariants"/>), one form at a time, each on a new client of its
/// visitor. A form is read again from its page first, for a token that belongs to that client and values that are
/// still current, and its made-up values are corrected until the app takes it. Where a variant is answered with a
/// redirect, the page it leads to is fetched too, since that is where a payload shows. Forms that appear only after
/// something was sent (a second person's "Remove" button, "Undo" after a check-in) are found in the pages read along
/// the way and fuzzed as well.
/// </summary>
public sealed partial class FormFuzzer(FuzzSender sender, string foreignToken, Random random, string signInCookie)
{
    private readonly HashSet<string> _known = [];
    private readonly Queue<(FuzzVisitor Visitor, FormSubmission Form)> _safe = new();
    private readonly Queue<(FuzzVisitor Visitor, FormSubmission Form)> _destructive = new();

    /// <summary>Forms whose page no longer had them when their turn came (something fuzzed earlier took them away).</summary>
    public List<string> FormsGone { get; } = [];

    /// <summary>Forms found only while fuzzing others.</summary>
    public List<string> FormsFoundOnTheWay { get; } = [];

    /// <summary>Forms with fields to fill in that the app never took as the fuzzer filled them in, so only their checks were fuzzed.</summary>
    public List<string> FormsNeverTaken { get; } = [];

    /// <summary>Requests and time per form, to see where the time goes.</summary>
    public List<(string Visitor, string Shape, int Requests, TimeSpan Time)> Costs { get; } = [];

    /// <summary>Adds forms whose shape is not yet known; the first visitor to find a shape fuzzes it.</summary>
    public void Add(FuzzVisitor visitor, IEnumerable<FormSubmission> forms)
    {
        foreach (var form in forms)
            if (_known.Add(form.Shape))
                (Destructive().IsMatch(form.Action) ? _destructive : _safe).Enqueue((visitor, form));
    }

    /// <summary>Fuzzes every form added, and those found on the way; those that cancel, remove or sign out go last,
    /// so that the others still find what they act on.</summary>
    public async Task RunAsync()
    {
        while (_safe.TryDequeue(out var next) || _destructive.TryDequeue(out next))
            await FuzzAsync(next.Visitor, next.Form);
    }

    private void Discover(FuzzVisitor visitor, string url, FuzzAnswer answer)
    {
        if (!answer.IsHtml) return;
        var found = PageReader.Forms(PageReader.Parse(answer.Body), url).Where(f => !_known.Contains(f.Shape)).DistinctBy(f => f.Shape).ToList();
        FormsFoundOnTheWay.AddRange(found.Select(f => $"{f.Shape} (as {visitor.Name})"));
        Add(visitor, found);
    }

    [GeneratedRegex(@"(?i)cancel|remove|delete|sign-out|leave")]
    private static partial Regex Destructive();

    private async Task FuzzAsync(FuzzVisitor visitor, FormSubmission crawled)
    {
        var time = Stopwatch.StartNew();
        var sentBefore = sender.Sent;
        var client = await visitor.NewClientAsync();
        var form = await MakeValidAsync(client, visitor, await ReadAgainAsync(client, visitor, crawled));
        var token = form.Token;
        foreach (var variant in FuzzVariants.ForForm(form, foreignToken, random))
        {
            var answer = await SendAsync(client, visitor, token == form.Token ? variant : variant.WithTokenReplaced(form.Token!, token!));
            // A visitor who got signed in (by accepting an invitation) starts again as they were.
            if (visitor.SignInAgainAsync is null && answer.Cookies.Any(c => c.StartsWith(signInCookie + "=", StringComparison.Ordinal) && c != signInCookie + "="))
            {
                client = await visitor.NewClientAsync();
                token = (await ReadAgainAsync(client, visitor, form)).Token ?? token;
            }
        }
        Costs.Add((visitor.Name, crawled.Shape, sender.Sent - sentBefore, time.Elapsed));
    }

    /// <summary>Sends one request, then fetches the page a redirect leads to, and signs staff in again if it signed them out.</summary>
    private async Task<FuzzAnswer> SendAsync(HttpClient client, FuzzVisitor visitor, FuzzRequest request)
    {
        var answer = await sender.SendAsync(client, visitor.Name, request);
        if (visitor.SignInAgainAsync is { } signIn && IsRedirect(answer) && answer.Location!.StartsWith("/account/sign-in", StringComparison.OrdinalIgnoreCase))
        {
            // Signed out by an earlier request (a new password link changes the account's security stamp).
            await signIn(client);
            answer = await sender.SendAsync(client, visitor.Name, request);
        }
        if (request.Payload.StartsWith("valid values", StringComparison.Ordinal)) Discover(visitor, request.Url, answer);
        if (IsRedirect(answer) && PageReader.SameSite(request.Url, answer.Location!) is { } next)
        {
            var page = await sender.SendAsync(client, visitor.Name, FuzzRequest.Get(next) with { Field = request.Field, Payload = request.Payload + ", then the page it led to" });
            Discover(visitor, next, page);
        }
        // Staff's sign-in cookie is renewed on every request; one cleared (signing out) is signed in again.
        if (visitor.SignInAgainAsync is { } signInAgain && answer.Cookies.Contains(signInCookie + "="))
            await signInAgain(client);
        return answer;
    }

    private async Task<FormSubmission> ReadAgainAsync(HttpClient client, FuzzVisitor visitor, FormSubmission crawled)
    {
        var answer = await sender.SendAsync(client, visitor.Name, FuzzRequest.Get(crawled.Page));
        var page = PageReader.Parse(answer.IsHtml ? answer.Body : "");
        Discover(visitor, crawled.Page, answer);
        var forms = PageReader.Forms(page, crawled.Page).Where(f => f.Shape == crawled.Shape).ToList();
        if ((forms.FirstOrDefault(f => f.Action == crawled.Action) ?? forms.FirstOrDefault()) is { } again) return again;

        // Gone from its page (or found in the answer to a post): fuzz it as it was, with a token of this client's.
        FormsGone.Add($"{crawled.Shape} ({(int)answer.Status} for GET {crawled.Page})");
        if (crawled.Token is null) return crawled;
        var token = PageReader.HtmxHeaderToken(page)
            ?? PageReader.HtmxHeaderToken(PageReader.Parse((await sender.SendAsync(client, visitor.Name, FuzzRequest.Get("/"))).Body));
        return crawled with { Token = token };
    }

    /// <summary>
    /// Sends the form as filled in until the app takes it, at most three times: a made-up value the answer marks as
    /// wrong goes back to the empty one the page had, and an empty field it marks is made up. Fuzzing a form whose
    /// other fields are wrong would only ever reach its checks, never the code that saves.
    /// </summary>
    private async Task<FormSubmission> MakeValidAsync(HttpClient client, FuzzVisitor visitor, FormSubmission form)
    {
        if (form.IsGet || form.Fields.All(f => f.Value.Length > 0 && !f.MadeUp)) return form;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var answer = await SendAsync(client, visitor, FuzzVariants.AsFilledIn(form, random));
            if ((int)answer.Status < 400) return form;
            var invalid = answer.IsHtml ? PageReader.InvalidFields(PageReader.Parse(answer.Body)) : new HashSet<string>();
            var corrected = form.Fields.Select(f => !invalid.Contains(f.Name) ? f
                : f.MadeUp ? f with { Value = "", MadeUp = false }
                : f.Value.Length == 0 ? f with { Value = PlausibleValues.For(f.Name, f.Kind), MadeUp = true }
                : f).ToList();
            if (corrected.SequenceEqual(form.Fields)) break;
            form = form with { Fields = corrected };
        }
        FormsNeverTaken.Add(form.Shape);
        return form;
    }

    private static bool IsRedirect(FuzzAnswer answer) =>
        answer.Status is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb && answer.Location is not null;
}
