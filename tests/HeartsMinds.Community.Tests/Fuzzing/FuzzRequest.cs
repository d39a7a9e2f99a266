namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// One request the fuzzer sends: <paramref name="Body"/> is sent byte for byte (already percent-encoded for a form),
/// <paramref name="Field"/> and <paramref name="Payload"/> say what was changed, for the report.
/// </summary>
public sealed record FuzzRequest(string Method, string Url, string? Body = null, string Field = "", string Payload = "")
{
    public string ContentType { get; init; } = "application/x-www-form-urlencoded";
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public static FuzzRequest Get(string url) => new("GET", url);

    /// <summary>The same request with another antiforgery token, for a visitor who had to start again.</summary>
    public FuzzRequest WithTokenReplaced(string oldToken, string newToken) => this with
    {
        Body = Body?.Replace(Uri.EscapeDataString(oldToken), Uri.EscapeDataString(newToken)).Replace(oldToken, newToken),
        Headers = Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value == oldToken ? newToken : h.Value)).ToList(),
    };

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Body));
            message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }
}
