namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// One way to send a form found on <paramref name="Page"/>: a form with several submit buttons (a formaction, or a
/// name and value) gives one submission per button. <paramref name="Token"/> is the antiforgery token the form
/// carries, or the page's htmx header token for an htmx form (<paramref name="TokenInHeader"/>).
/// </summary>
public sealed record FormSubmission(string Page, string Method, string Action, IReadOnlyList<FormField> Fields, string? Token, bool TokenInHeader)
{
    /// <summary>Submissions of one shape run the same code, so only one of them is fuzzed.</summary>
    public string Shape =>
        $"{Method} {UrlShape.Of(Action)} [{string.Join(", ", Fields.Select(f => UrlShape.OfField(f.Name)).Distinct().Order(StringComparer.Ordinal))}]";

    public bool IsGet => Method.Equals("get", StringComparison.OrdinalIgnoreCase);
}
