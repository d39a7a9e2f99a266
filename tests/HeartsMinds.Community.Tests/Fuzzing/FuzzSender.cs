using System.Net;

namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// Sends every request of the fuzz run, one at a time, and keeps the score: how many, which statuses, and the
/// failures (a 5xx with the exception the server logged, or a script payload in HTML that came back unencoded).
/// </summary>
public sealed class FuzzSender(ServerErrorLog serverErrors)
{
    public int Sent { get; private set; }
    public SortedDictionary<int, int> ByStatus { get; } = new();
    public List<FuzzFailure> Failures { get; } = [];

    /// <summary>The response, with the cookies it set as "name=value" ("name=" for one it cleared).</summary>
    public sealed record Answer(HttpStatusCode Status, string Body, string? Location, bool IsHtml, IReadOnlyList<string> Cookies);

    public async Task<Answer> SendAsync(HttpClient client, string visitor, FuzzRequest request)
    {
        serverErrors.Take(); // what was logged before this request is not its doing
        Sent++;
        Answer answer;
        try
        {
            using var response = await client.SendAsync(request.ToMessage());
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]).ToList() : [];
            answer = new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString,
                response.Content.Headers.ContentType?.MediaType == "text/html", cookies);
        }
        catch (Exception exception)
        {
            // An exception after the response started reaches the test server's client instead of becoming a 500.
            answer = new Answer(HttpStatusCode.InternalServerError, "", null, false, []);
            serverErrors.Take();
            Failures.Add(new FuzzFailure(visitor, request, "exception in the client", Summary(exception)));
            Count(answer.Status);
            return answer;
        }
        Count(answer.Status);
        if (Environment.GetEnvironmentVariable("FUZZ_DUMP") is { } dump)
            File.AppendAllText(dump, $"{visitor} {(int)answer.Status} {request.Method} {(request.Url.Length > 150 ? request.Url[..150] : request.Url)} | {request.Field} | {request.Payload}\n");

        if ((int)answer.Status >= 500)
        {
            var logged = serverErrors.Take();
            var detail = logged.Count > 0 ? Summary(logged[0]) : "no exception logged; body: " + Start(answer.Body);
            Failures.Add(new FuzzFailure(visitor, request, $"{(int)answer.Status}", detail));
        }
        if (answer.IsHtml && Payloads.FoundUnencoded(answer.Body) is { } sign)
            Failures.Add(new FuzzFailure(visitor, request, "unencoded payload", $"{sign} in the page: {Around(answer.Body, sign)}"));
        return answer;
    }

    private void Count(HttpStatusCode status) => ByStatus[(int)status] = ByStatus.GetValueOrDefault((int)status) + 1;

    /// <summary>The exception's type and message, then its first frames in the app's own code.</summary>
    private static string Summary(Exception exception)
    {
        var frames = (exception.StackTrace ?? "").Split('\n').Select(l => l.Trim())
            .Where(l => l.Contains("HeartsMinds.Community")).Take(4);
        var inner = exception.InnerException is { } i ? $"\n  inner: {i.GetType().Name}: {i.Message}" : "";
        return $"{exception.GetType().FullName}: {Start(exception.Message)}{inner}\n  " + string.Join("\n  ", frames);
    }

    private static string Start(string body) => body.Length <= 300 ? body : body[..300];

    private static string Around(string body, string sign)
    {
        var at = body.IndexOf(sign, StringComparison.OrdinalIgnoreCase);
        var from = Math.Max(0, at - 120);
        return body.Substring(from, Math.Min(body.Length - from, 240));
    }
}
