using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// Sends every request of the fuzz run, one at a time, and keeps the score: how many, which statuses, and the
/// failures (a 5xx with the exception the server logged, or a script payload in HTML that came back unencoded).
/// FUZZ_DUMP=file adds one line per request to that file (time, visitor, status, method, URL, field, payload), to see
/// what the fuzzer did and where the time went.
/// </summary>
public sealed partial class FuzzSender(ServerErrorLog serverErrors)
{
    private readonly string? _dump = Environment.GetEnvironmentVariable("FUZZ_DUMP");

    public int Sent { get; private set; }
    public SortedDictionary<int, int> ByStatus { get; } = new();
    public List<FuzzFailure> Failures { get; } = [];

    public async Task<FuzzAnswer> SendAsync(HttpClient client, string visitor, FuzzRequest request)
    {
        serverErrors.Take(); // what was logged before this request is not its doing
        var started = Stopwatch.GetTimestamp();
        FuzzAnswer answer;
        var thrown = false;
        try
        {
            using var response = await client.SendAsync(request.ToMessage());
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]).ToList() : [];
            answer = new FuzzAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString,
                response.Content.Headers.ContentType?.MediaType == "text/html", cookies);
        }
        catch (Exception exception)
        {
            // An exception after the response started reaches the test server's client instead of becoming a 500.
            answer = new FuzzAnswer(HttpStatusCode.InternalServerError, "", null, false, []);
            thrown = true;
            serverErrors.Take();
            Failures.Add(new FuzzFailure(visitor, request, "exception in the client", Summary(exception)));
        }
        Sent++;
        ByStatus[(int)answer.Status] = ByStatus.GetValueOrDefault((int)answer.Status) + 1;
        if (_dump is not null)
            File.AppendAllText(_dump, $"{Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms {visitor} {(int)answer.Status} {request.Method} {Start(request.Url, 150)} | {request.Field} | {request.Payload}\n");

        if ((int)answer.Status >= 500 && !thrown)
        {
            var logged = serverErrors.Take();
            var exception = logged.Count > 0 ? Summary(logged[0]) : "no exception logged";
            Failures.Add(new FuzzFailure(visitor, request, $"{(int)answer.Status}", $"{exception}\n  body: {Start(VisibleText(answer.Body), 200)}"));
        }
        if (answer.IsHtml && Payloads.FoundUnencoded(answer.Body) is { } sign)
            Failures.Add(new FuzzFailure(visitor, request, FuzzFailure.UnencodedPayload, $"{sign} in the page\n{Around(answer.Body, sign)}"));
        return answer;
    }

    /// <summary>The exception's type and message, then its first frames in the app's own code.</summary>
    private static string Summary(Exception exception)
    {
        var frames = (exception.StackTrace ?? "").Split('\n').Select(l => l.Trim())
            .Where(l => l.Contains("HeartsMinds.Community")).Take(4);
        var inner = exception.InnerException is { } i ? $"\n  inner: {i.GetType().Name}: {Start(i.Message)}" : "";
        return $"{exception.GetType().FullName}: {Start(exception.Message)}{inner}\n  " + string.Join("\n  ", frames);
    }

    private static string Start(string text, int length = 300) => text.Length <= length ? text : text[..length] + "…";

    private static string VisibleText(string html) =>
        WhiteSpace().Replace(System.Net.WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    private static string Around(string body, string sign)
    {
        var at = body.IndexOf(sign, StringComparison.OrdinalIgnoreCase);
        var from = Math.Max(0, at - 120);
        return body.Substring(from, Math.Min(body.Length - from, 240));
    }

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>|<[^>]+>", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
