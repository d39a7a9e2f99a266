using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace RegistrationRush;

/// <summary>
/// The registrants. Each is a separate visitor with its own connection and cookies, as a browser would be: it GETs
/// the register form (which sets the antiforgery cookie), reads the hidden token from the HTML and POSTs the form.
/// Success is the app's 303 See Other to the "registered" page; the redirect is not followed.
/// </summary>
public static partial class Rush
{
    /// <param name="Unanswered">The POST was sent but no answer came back: the server may have registered this one.</param>
    /// <param name="Said">For a failure with an answer: its page title and validation messages, to show what went wrong.</param>
    public sealed record Outcome(bool Success, string Kind, double PostMs, double PairMs, bool Unanswered = false, string? Said = null);

    public sealed record Result(Outcome[] Outcomes, TimeSpan Wall);

    public sealed record Form(string? Token, string? Error);

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    public static async Task<Result> RunAsync(Options options, CancellationToken cancellationToken)
    {
        var runTag = Guid.NewGuid().ToString("N")[..8];
        var outcomes = new Outcome[options.Registrants];
        var done = 0;
        var wall = Stopwatch.StartNew();
        using var stopProgress = new CancellationTokenSource();
        var progress = ReportProgressAsync(() => done, options.Registrants, wall, stopProgress.Token);

        await Parallel.ForEachAsync(Enumerable.Range(0, options.Registrants),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
            async (n, _) =>
            {
                outcomes[n] = cancellationToken.IsCancellationRequested
                    ? new Outcome(false, "not started: time limit reached", 0, 0)
                    : await RegisterAsync(options, options.EventId, n, runTag, cancellationToken);
                Interlocked.Increment(ref done);
            });
        wall.Stop();
        await stopProgress.CancelAsync();
        await progress;
        return new Result(outcomes, wall.Elapsed);
    }

    /// <summary>
    /// Before timing: registrations at a separate warm-up event (so JIT, pools and caches are warm and the emails they
    /// cause are sent), or, without one, GETs of the form only. Returns a line saying what was done.
    /// </summary>
    public static async Task<string> WarmUpAsync(Options options, CancellationToken cancellationToken)
    {
        var count = options.Concurrency * 2;
        if (options.WarmupEventId is not long warmupEvent)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
                async (_, ct) => await GetFormAsync(options, ct));
            return $"{count} GETs of the form, nothing written (no --warmup-event-id)";
        }
        var outcomes = new Outcome[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (n, ct) => outcomes[n] = await RegisterAsync(options, warmupEvent, n, "warm" + Guid.NewGuid().ToString("N")[..6], ct));
        var drained = await Outbox.WaitUntilSentAsync(options, TimeSpan.FromSeconds(60), cancellationToken);
        return $"{outcomes.Count(o => o.Success)} of {count} registrations at event {warmupEvent}; outbox {drained}";
    }

    /// <summary>One visitor's GET of the form, for the preflight check and the warm-up.</summary>
    public static async Task<Form> GetFormAsync(Options options, CancellationToken cancellationToken)
    {
        using var http = NewVisitor(options);
        try
        {
            using var response = await http.GetAsync(FormPath(options.EventId), cancellationToken);
            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
                return new(null, $"GET {FormPath(options.EventId)} answered 404: is the public register page in this build?");
            if (response.StatusCode != HttpStatusCode.OK)
                return new(null, $"GET {FormPath(options.EventId)} answered {(int)response.StatusCode} {response.StatusCode}");
            var token = FindToken(html);
            return token is null ? new(null, $"GET {FormPath(options.EventId)} has no __RequestVerificationToken input") : new(token, null);
        }
        catch (HttpRequestException e) { return new(null, $"GET {FormPath(options.EventId)} failed: {e.Message}"); }
    }

    private static async Task<Outcome> RegisterAsync(Options options, long eventId, int n, string runTag, CancellationToken cancellationToken)
    {
        using var http = NewVisitor(options);
        var path = FormPath(eventId);
        var pair = Stopwatch.StartNew();
        var posted = false;
        try
        {
            string html;
            using (var get = await http.GetAsync(path, cancellationToken))
            {
                html = await get.Content.ReadAsStringAsync(cancellationToken);
                if (get.StatusCode != HttpStatusCode.OK) return Failed($"GET {(int)get.StatusCode}", said: Explain(html));
            }
            var token = FindToken(html);
            if (token is null) return Failed("GET 200 without __RequestVerificationToken");

            var email = $"rush-{runTag}-{n:D6}@example.org";
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["SubmissionKey"] = Guid.NewGuid().ToString(),
                ["Input.OrganisationName"] = $"Rush Family Support {n}",
                ["Input.ContactName"] = $"Rush Contact {n}",
                ["Input.ContactEmail"] = email,
                ["Input.Attendees[0].Name"] = $"Rush Attendee {n}",
                ["Input.Attendees[0].Email"] = email,
                ["Input.Attendees[0].Role"] = "Volunteer",
                ["Input.Attendees[0].AccessNeeds"] = "",
                ["Input.Consent"] = "true",
                ["__RequestVerificationToken"] = token,
            });
            var post = Stopwatch.StartNew();
            posted = true;
            using var response = await http.PostAsync(path, form, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            post.Stop();
            pair.Stop();

            if (response.StatusCode != HttpStatusCode.SeeOther) return Failed($"POST {(int)response.StatusCode}", said: Explain(answer));
            var location = response.Headers.Location?.OriginalString ?? "";
            if (!location.Contains($"/events/{eventId}/registered?key=", StringComparison.Ordinal))
                return Failed($"POST 303 to somewhere else ({Shorten(location)})");
            return new Outcome(true, "POST 303", post.Elapsed.TotalMilliseconds, pair.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Failed($"{(posted ? "POST" : "GET")} stopped: time limit reached", unanswered: posted);
        }
        catch (OperationCanceledException)
        {
            return Failed($"{(posted ? "POST" : "GET")} had no answer within {RequestTimeout.TotalSeconds:0} s", unanswered: posted);
        }
        catch (HttpRequestException e)
        {
            return Failed($"{(posted ? "POST" : "GET")} connection error ({e.HttpRequestError})", unanswered: posted);
        }

        Outcome Failed(string kind, bool unanswered = false, string? said = null) =>
            new(false, kind, 0, pair.Elapsed.TotalMilliseconds, unanswered, said);
    }

    /// <summary>A fresh client per visitor: its own TCP connection and cookie jar, no proxy, redirects not followed.</summary>
    private static HttpClient NewVisitor(Options options) =>
        new(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        }, disposeHandler: true)
        { BaseAddress = options.BaseUrl, Timeout = RequestTimeout };

    private static string FormPath(long eventId) => $"/events/{eventId}/register";

    /// <summary>The value of the hidden antiforgery input, whatever the order of its attributes.</summary>
    public static string? FindToken(string html)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            if (!input.Value.Contains("name=\"__RequestVerificationToken\"", StringComparison.Ordinal)) continue;
            var value = ValueAttribute().Match(input.Value);
            if (value.Success) return WebUtility.HtmlDecode(value.Groups[1].Value);
        }
        return null;
    }

    /// <summary>What a failed answer says, briefly: its title and any validation messages (ASP.NET's standard classes).</summary>
    private static string Explain(string html)
    {
        static string Text(string fragment) =>
            WebUtility.HtmlDecode(Whitespace().Replace(AnyTag().Replace(fragment, " "), " ")).Trim();
        var said = new List<string>();
        if (TitleTag().Match(html) is { Success: true } title) said.Add(Text(title.Groups[1].Value));
        said.AddRange(ValidationMessage().Matches(html).Select(m => Text(m.Groups[1].Value)).Distinct().Take(3));
        return Shorten(string.Join(" | ", said.Where(s => s.Length > 0)));
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitleTag();

    [GeneratedRegex("class=\"[^\"]*field-validation-error[^\"]*\"[^>]*>(.*?)</span>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ValidationMessage();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex AnyTag();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ValueAttribute();

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";

    /// <summary>A line every five seconds, so a long rush shows it is alive.</summary>
    private static async Task ReportProgressAsync(Func<int> done, int total, Stopwatch wall, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
                Console.WriteLine($"  ... {done()}/{total} registrants done after {wall.Elapsed.TotalSeconds:0} s");
        }
        catch (OperationCanceledException) { }
    }
}
