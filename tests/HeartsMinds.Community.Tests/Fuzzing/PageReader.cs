using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>Reads a page as a browser would: its same-site links and every way to submit each of its forms.</summary>
public static class PageReader
{
    public const string TokenField = "__RequestVerificationToken";
    private static readonly Uri Site = new("https://localhost");
    private static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The fields a page marks as wrong (aria-invalid), as it does when it shows a form again with errors.</summary>
    public static IReadOnlySet<string> InvalidFields(IHtmlDocument page) =>
        page.QuerySelectorAll("[aria-invalid=true][name]").Select(e => e.GetAttribute("name")!).ToHashSet();

    /// <summary>Path and query of <paramref name="href"/> as seen from <paramref name="pageUrl"/>, or null when it leaves the site.</summary>
    public static string? SameSite(string pageUrl, string href)
    {
        if (!Uri.TryCreate(new Uri(Site, pageUrl), href.Trim(), out var target)) return null;
        // Calendar subscriptions are offered as webcal:// links to the same feed.
        if (target.Scheme == "webcal") target = new UriBuilder(target) { Scheme = "https", Port = -1 }.Uri;
        return target.Scheme is "https" or "http" && target.Host == Site.Host ? target.PathAndQuery : null;
    }

    public static IEnumerable<string> Links(IHtmlDocument page, string pageUrl) =>
        page.QuerySelectorAll("a[href]").Select(a => SameSite(pageUrl, a.GetAttribute("href")!)).OfType<string>();

    public static IEnumerable<FormSubmission> Forms(IHtmlDocument page, string pageUrl)
    {
        var headerToken = HtmxHeaderToken(page);
        foreach (var form in page.Forms)
        {
            var action = SameSite(pageUrl, form.GetAttribute("action") ?? "");
            if (action is null) continue;
            var method = (form.GetAttribute("method") ?? "get").ToLowerInvariant();
            var all = Fields(form).ToList();
            var token = all.FirstOrDefault(f => f.Name == TokenField)?.Value;
            var fields = all.Where(f => f.Name != TokenField).ToList();
            var submitters = form.Elements.OfType<IHtmlButtonElement>().Where(b => b.Type == "submit").Cast<IElement>()
                .Concat(form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "submit")).ToList();
            if (submitters.Count == 0) submitters.Add(form);

            foreach (var submitter in submitters)
            {
                var htmx = IsHtmx(form) || IsHtmx(submitter);
                var name = submitter == form ? null : submitter.GetAttribute("name");
                var sent = string.IsNullOrEmpty(name) ? fields : [.. fields, new FormField(name, submitter.GetAttribute("value") ?? "", "submit")];
                var submitterAction = submitter.GetAttribute("formaction") is { } formAction ? SameSite(pageUrl, formAction) : action;
                if (submitterAction is null) continue;
                yield return new FormSubmission(pageUrl, (submitter.GetAttribute("formmethod") ?? method).ToLowerInvariant(), submitterAction, sent,
                    token ?? (htmx ? headerToken : null), token is null && htmx);
            }
        }
    }

    private static IEnumerable<FormField> Fields(IHtmlFormElement form)
    {
        var radioGroups = new HashSet<string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name.Length: > 0 } input:
                    var name = input.Name!;
                    switch (input.Type)
                    {
                        case "submit" or "button" or "image" or "reset" or "file":
                            break;
                        case "checkbox":
                            // Ticked, so that a consent box does not stop the form before the fuzzed field is read.
                            yield return new FormField(name, input.GetAttribute("value") ?? "on", "checkbox");
                            break;
                        case "radio":
                            if (!radioGroups.Add(name)) break;
                            var group = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "radio" && i.Name == name).ToList();
                            yield return new FormField(name, (group.FirstOrDefault(i => i.IsChecked) ?? group[0]).GetAttribute("value") ?? "on", "radio");
                            break;
                        default:
                            var value = input.GetAttribute("value");
                            yield return string.IsNullOrEmpty(value) && input.Type != "hidden"
                                ? new FormField(name, PlausibleValues.For(name, input.Type), input.Type, MadeUp: true)
                                : new FormField(name, value ?? "", input.Type);
                            break;
                    }
                    break;
                case IHtmlSelectElement { Name.Length: > 0 } select:
                    var options = select.Options.ToList();
                    var chosen = options.FirstOrDefault(o => o.IsSelected && o.Value.Length > 0) ?? options.FirstOrDefault(o => o.Value.Length > 0);
                    yield return new FormField(select.Name!, chosen?.Value ?? "", "select");
                    break;
                case IHtmlTextAreaElement { Name.Length: > 0 } textArea:
                    var text = textArea.DefaultValue;
                    yield return text.Length > 0
                        ? new FormField(textArea.Name!, text, "textarea")
                        : new FormField(textArea.Name!, PlausibleValues.For(textArea.Name!, "textarea"), "textarea", MadeUp: true);
                    break;
            }
        }
    }

    private static bool IsHtmx(IElement element) => element.HasAttribute("hx-post") || element.HasAttribute("hx-get");

    /// <summary>The token htmx sends in a header, from the JSON in the body's hx-headers.</summary>
    public static string? HtmxHeaderToken(IHtmlDocument page)
    {
        var json = page.Body?.GetAttribute("hx-headers");
        if (string.IsNullOrEmpty(json)) return null;
        using var headers = JsonDocument.Parse(json);
        return headers.RootElement.TryGetProperty("RequestVerificationToken", out var token) ? token.GetString() : null;
    }
}
