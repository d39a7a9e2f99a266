namespace HeartsMinds.Community.Features.Newsletters;

// PLACEHOLDER until the content helper's branch is merged (same contract).
public sealed class NewsletterBlocks
{
    public Task<string> ExpandAsync(string markdown, CancellationToken cancellationToken) => Task.FromResult(markdown);
}
