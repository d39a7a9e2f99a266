namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>What went wrong with one request: a 5xx, or a script payload that came back unencoded.</summary>
public sealed record FuzzFailure(string Visitor, FuzzRequest Request, string Problem, string Detail)
{
    /// <summary>Failures with one cause: the same problem, kind of URL, field and first line of the exception.</summary>
    public string Cause => $"{Problem} | {Request.Method} {UrlShape.Of(Request.Url)} | {UrlShape.OfField(Request.Field)} | {Detail.Split('\n')[0]}";
}
