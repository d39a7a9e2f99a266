namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// Follows same-site links (and redirects) breadth first from the start pages, fetching each page once, up to a limit,
/// and collects the forms. Downloads (calendars, CSV) are fetched but have no links or forms to read.
/// </summary>
public sealed class SiteCrawler(FuzzSender sender)
{
    /// <summary>Links of one shape (the same page for another id) followed at most this often; start pages always.</summary>
    private const int PagesPerShape = 6;

    public async Task<Crawl> CrawlAsync(FuzzVisitor visitor, IEnumerable<string> startPages, int maxPages)
    {
        var client = await visitor.NewClientAsync();
        var queue = new Queue<string>();
        var seen = new HashSet<string>();
        var shapes = new Dictionary<string, int>();
        foreach (var start in startPages)
            if (seen.Add(start)) queue.Enqueue(start);
        var pages = new List<string>();
        var forms = new List<FormSubmission>();

        while (queue.Count > 0 && pages.Count < maxPages)
        {
            var url = queue.Dequeue();
            pages.Add(url);
            var answer = await sender.SendAsync(client, visitor.Name, FuzzRequest.Get(url));
            var links = new List<string>();
            if (answer.Location is { } location && PageReader.SameSite(url, location) is { } target) links.Add(target);
            if (answer.IsHtml)
            {
                var page = PageReader.Parse(answer.Body);
                forms.AddRange(PageReader.Forms(page, url));
                links.AddRange(PageReader.Links(page, url));
            }
            foreach (var link in links)
            {
                // Signing out would end the crawl's session; the fuzzer posts to it on its own.
                if (link.StartsWith("/account/sign-out", StringComparison.OrdinalIgnoreCase) || seen.Contains(link)) continue;
                var shape = UrlShape.Of(link);
                if (shapes.GetValueOrDefault(shape) >= PagesPerShape) continue;
                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                seen.Add(link);
                queue.Enqueue(link);
            }
        }
        return new Crawl(pages, forms);
    }
}
