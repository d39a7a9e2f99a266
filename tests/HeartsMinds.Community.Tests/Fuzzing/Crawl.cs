namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>What a crawl found: the pages it fetched and every form submission on them.</summary>
public sealed record Crawl(IReadOnlyList<string> Pages, IReadOnlyList<FormSubmission> Forms);
