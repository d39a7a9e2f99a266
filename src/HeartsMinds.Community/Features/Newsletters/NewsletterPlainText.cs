using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// A newsletter's Markdown as the plain text of its email, written the way our other emails are (EmailBuilder):
/// headings underlined with dashes, blank lines between paragraphs, "- " and "1. " list items, "> " quotes, and each
/// link as "words (url)" so the address survives in a text-only reader. Emphasis markers are dropped.
/// </summary>
internal static class NewsletterPlainText
{
    public static string Write(MarkdownDocument document) => Blocks(document, "\n\n");

    /// <summary>The words of some inlines, without markup or addresses: an image's alt text.</summary>
    public static string InlineText(ContainerInline container)
    {
        var text = new StringBuilder();
        foreach (var inline in container) Inline(text, inline, wordsOnly: true);
        return text.ToString();
    }

    private static string Blocks(ContainerBlock container, string separator) =>
        string.Join(separator, container.Select(Block).Where(b => b.Length > 0));

    private static string Block(Block block) => block switch
    {
        LinkReferenceDefinitionGroup or LinkReferenceDefinition => "",
        HeadingBlock heading => Underlined(Inlines(heading.Inline)),
        CodeBlock code => string.Join("\n", code.Lines.ToString().TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? "" : "    " + l)),
        ThematicBreakBlock => "* * *",
        QuoteBlock quote => Prefixed(Blocks(quote, "\n\n"), "> ", ">"),
        ListBlock list => List(list),
        ContainerBlock other => Blocks(other, "\n\n"),
        LeafBlock leaf when leaf.Inline is not null => Inlines(leaf.Inline),
        _ => "",
    };

    /// <summary>As EmailBuilder.Heading: the words, then as many dashes (up to 60).</summary>
    private static string Underlined(string heading) =>
        heading.Length == 0 ? "" : heading + "\n" + new string('-', Math.Min(heading.Split('\n').Max(l => l.Length), 60));

    private static string List(ListBlock list)
    {
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, out var start) ? start : 1;
        var items = new List<string>();
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}. " : "- ";
            var body = Blocks(item, list.IsLoose ? "\n\n" : "\n");
            // The marker on the first line; the item's other lines indented to match, so a nested list stays inside it.
            var lines = body.Split('\n');
            items.Add(marker + lines[0] + string.Concat(lines.Skip(1).Select(l => "\n" + (l.Length == 0 ? "" : new string(' ', marker.Length) + l))));
        }
        return string.Join(list.IsLoose ? "\n\n" : "\n", items);
    }

    private static string Prefixed(string text, string prefix, string emptyLine) =>
        string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? emptyLine : prefix + l));

    private static string Inlines(ContainerInline? container)
    {
        if (container is null) return "";
        var text = new StringBuilder();
        foreach (var inline in container) Inline(text, inline, wordsOnly: false);
        return text.ToString().Trim();
    }

    private static void Inline(StringBuilder text, Inline inline, bool wordsOnly)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                return;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                return;
            case HtmlInline html:
                text.Append(html.Tag);
                return;
            case CodeInline code:
                text.Append(code.Content);
                return;
            case LineBreakInline:
                text.Append('\n');
                return;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                return;
            case LinkInline link:
                var words = InlineText(link);
                var url = NewsletterContent.Address(link.Url ?? "");
                if (wordsOnly || !NewsletterContent.IsEmailSafe(url)) text.Append(words);
                else if (words.Length == 0 || SaysTheAddress(words, url)) text.Append(url);
                else text.Append(words).Append(" (").Append(url).Append(')');
                return;
            case ContainerInline container: // emphasis and the rest: their words, without the markers
                foreach (var child in container) Inline(text, child, wordsOnly);
                return;
        }
    }

    /// <summary>"https://example.org", "example.org" for "http://example.org", "a@b.org" for "mailto:a@b.org": no need to say it twice.</summary>
    private static bool SaysTheAddress(string words, string url) =>
        words == url || url == "mailto:" + words || url.EndsWith("://" + words, StringComparison.Ordinal);
}
