namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>What went wrong with one request: a 5xx, or a script payload that came back unencoded.</summary>
public sealed record FuzzFailure(string Visitor, FuzzRequest Request, string Problem, string Detail)
{
    public const string UnencodedPayload = "unencoded payload";

    /// <summary>
    /// Failures with one cause: the same problem, kind of URL, field and first line of the detail. A payload that was
    /// saved shows on every later request for its page, whatever that request sent: one cause per page.
    /// </summary>
    public string Cause => Problem == UnencodedPayload
        ? $"{Problem} | {UrlShape.Of(Request.Url)} | {Detail.Split('\n')[0]}"
        : $"{Problem} | {Request.Method} {UrlShape.Of(Request.Url)} | {UrlShape.OfField(Request.Field)} | {Detail.Split('\n')[0]}";
}
