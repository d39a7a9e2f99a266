using System.Net;
using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using static HeartsMinds.Community.Platform.Email.EmailLayout;

namespace HeartsMinds.Community.Features.Newsletters;

/// <summary>
/// A newsletter's Markdown as email HTML: every element carries its own inline style (clients strip &lt;style&gt;),
/// headings one size down (# is an h2: an email's headings should be modest), links only to http(s) and mailto, and
/// images as links to them (no remote image is ever loaded, so nothing can count who opened the email).
/// </summary>
internal sealed class NewsletterEmailHtml
{
    private const string Mono = "font-family:Consolas,Menlo,'Courier New',monospace;font-size:14px;";
    private const string LinkStyle = $"color:{Brand};text-decoration:underline;";

    private readonly StringBuilder _html = new();
    private bool _insideLink;

    public static string Write(MarkdownDocument document)
    {
        var writer = new NewsletterEmailHtml();
        writer.Blocks(document, "margin:0 0 16px;");
        return writer._html.ToString();
    }

    /// <param name="paragraphStyle">Paragraphs in quotes and list items sit closer together than in the body.</param>
    private void Blocks(ContainerBlock container, string paragraphStyle)
    {
        foreach (var block in container) Block(block, paragraphStyle);
    }

    private void Block(Block block, string paragraphStyle)
    {
        switch (block)
        {
            case LinkReferenceDefinitionGroup or LinkReferenceDefinition:
                return; // the definitions are used by the links that name them, and say nothing themselves
            case HeadingBlock heading:
                var (tag, size) = heading.Level switch { 1 => ("h2", 20), 2 => ("h3", 18), _ => ("h4", 16) };
                _html.Append('<').Append(tag).Append(" style=\"margin:24px 0 8px;").Append(Font).Append("font-size:").Append(size)
                    .Append("px;line-height:1.3;font-weight:bold;color:").Append(Ink).Append(";\">");
                Inlines(heading.Inline);
                _html.Append("</").Append(tag).Append(">\n");
                return;
            case ParagraphBlock paragraph:
                _html.Append("<p style=\"").Append(paragraphStyle).Append("\">");
                Inlines(paragraph.Inline);
                _html.Append("</p>\n");
                return;
            case ThematicBreakBlock:
                _html.Append("<hr style=\"margin:24px 0;border:0;border-top:1px solid ").Append(SandEdge).Append(";height:0;\">\n");
                return;
            case CodeBlock code: // fenced or indented; also what raw HTML blocks would be, were they parsed
                _html.Append("<pre style=\"margin:0 0 16px;padding:12px;background-color:").Append(Sand)
                    .Append(";border-radius:4px;white-space:pre-wrap;word-wrap:break-word;").Append(Mono).Append("line-height:1.4;\">")
                    .Append(Encode(code.Lines.ToString())).Append("</pre>\n");
                return;
            case QuoteBlock quote:
                _html.Append("<blockquote style=\"margin:0 0 16px;padding:4px 0 4px 16px;border-left:4px solid ").Append(SandEdge)
                    .Append(";color:").Append(InkSoft).Append(";\">\n");
                Blocks(quote, "margin:0 0 8px;");
                _html.Append("</blockquote>\n");
                return;
            case ListBlock list:
                List(list, paragraphStyle);
                return;
            case ContainerBlock other:
                Blocks(other, paragraphStyle);
                return;
            case LeafBlock leaf when leaf.Inline is not null:
                _html.Append("<p style=\"").Append(paragraphStyle).Append("\">");
                Inlines(leaf.Inline);
                _html.Append("</p>\n");
                return;
        }
    }

    private void List(ListBlock list, string paragraphStyle)
    {
        var nested = list.Parent is ListItemBlock;
        var tag = list.IsOrdered ? "ol" : "ul";
        _html.Append('<').Append(tag);
        if (list.IsOrdered && int.TryParse(list.OrderedStart, out var start) && start != 1) _html.Append(" start=\"").Append(start).Append('"');
        _html.Append(" style=\"margin:").Append(nested ? "4px 0 0" : "0 0 16px").Append(";padding-left:24px;\">\n");
        foreach (var item in list.OfType<ListItemBlock>())
        {
            _html.Append("<li style=\"margin:0 0 4px;\">");
            foreach (var child in item)
            {
                // A tight list's items are their words, not paragraphs (as browsers render Markdown too).
                if (child is ParagraphBlock paragraph && !list.IsLoose) Inlines(paragraph.Inline);
                else Block(child, "margin:0 0 8px;");
            }
            _html.Append("</li>\n");
        }
        _html.Append("</").Append(tag).Append(">\n");
    }

    private void Inlines(ContainerInline? container)
    {
        if (container is null) return;
        foreach (var inline in container) Inline(inline);
    }

    private void Inline(Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                _html.Append(Encode(literal.Content.ToString()));
                return;
            case HtmlEntityInline entity: // "&amp;" in the source: the character it stands for, encoded again
                _html.Append(Encode(entity.Transcoded.ToString()));
                return;
            case HtmlInline html: // raw HTML is off, so this should not be parsed; if it were, it is text
                _html.Append(Encode(html.Tag));
                return;
            case CodeInline code:
                _html.Append("<code style=\"").Append(Mono).Append("background-color:").Append(Sand)
                    .Append(";padding:1px 4px;border-radius:3px;\">").Append(Encode(code.Content)).Append("</code>");
                return;
            case LineBreakInline lineBreak:
                _html.Append(lineBreak.IsHard ? "<br>\n" : "\n");
                return;
            case AutolinkInline autolink:
                var address = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
                if (!_insideLink && NewsletterContent.IsEmailSafe(address)) Anchor(address, () => _html.Append(Encode(autolink.Url)));
                else _html.Append(Encode(autolink.Url));
                return;
            case LinkInline { IsImage: true } image:
                var alt = NewsletterPlainText.InlineText(image);
                if (!_insideLink && NewsletterContent.IsEmailSafe(image.Url))
                    Anchor(image.Url!, () => _html.Append(Encode(alt.Length > 0 ? alt : image.Url!)));
                else _html.Append(Encode(alt));
                return;
            case LinkInline link:
                if (!_insideLink && NewsletterContent.IsEmailSafe(link.Url)) Anchor(link.Url!, () => Inlines(link));
                else Inlines(link);
                return;
            case EmphasisInline emphasis:
                var element = (emphasis.DelimiterChar, emphasis.DelimiterCount) switch
                {
                    ('*' or '_', >= 2) => "strong",
                    ('*' or '_', _) => "em",
                    ('~', >= 2) => "del",
                    _ => null, // sub/superscript, inserted, marked: their words are enough in an email
                };
                if (element is not null) _html.Append('<').Append(element).Append('>');
                Inlines(emphasis);
                if (element is not null) _html.Append("</").Append(element).Append('>');
                return;
            case ContainerInline other:
                Inlines(other);
                return;
        }
    }

    private void Anchor(string url, Action words)
    {
        _html.Append("<a href=\"").Append(Encode(NewsletterContent.Address(url))).Append("\" style=\"").Append(LinkStyle).Append("\">");
        _insideLink = true;
        words();
        _insideLink = false;
        _html.Append("</a>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
