using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Newsletters;
using HeartsMinds.Community.Platform.Email;

namespace HeartsMinds.Community.Tests.Newsletters;

/// <summary>One newsletter source, two email renderings: what a reader sees in each, and what hostile Markdown cannot do.</summary>
public sealed partial class NewsletterContentTests
{
    private const string Sample = """
        # Spring news

        A **warm** welcome to *everyone*. Read [our Charter](https://heartsminds.example/charter) or write to <hello@heartsminds.example>.

        ## What we learned

        - Buddies help new volunteers
        - Dads' groups work **online**
          1. on WhatsApp
          2. at weekends

        3. Third
        4. Fourth

        > Quoted learning,
        > over two lines.

        ---

        Use `the code` at https://heartsminds.example/board
        """;

    [Fact]
    public void Headings_lists_links_and_emphasis_come_through_in_the_email_HTML_with_modest_headings()
    {
        var html = NewsletterContent.EmailHtml(Sample);

        Assert.Matches(@"<h2 style=""[^""]*font-size:20px[^""]*"">Spring news</h2>", html);
        Assert.Matches(@"<h3 style=""[^""]*font-size:18px[^""]*"">What we learned</h3>", html);
        Assert.DoesNotContain("<h1", html);
        Assert.Contains("<strong>warm</strong>", html);
        Assert.Contains("<em>everyone</em>", html);
        Assert.Matches($@"<a href=""https://heartsminds.example/charter"" style=""color:{EmailLayout.Brand};[^""]*"">our Charter</a>", html);
        Assert.Contains("<a href=\"mailto:hello@heartsminds.example\"", html);
        Assert.Contains(">https://heartsminds.example/board</a>", html); // a bare address is linked too
        Assert.Matches(@"<ul style=""[^""]+"">\s*<li style=""[^""]+"">Buddies help new volunteers</li>", html);
        Assert.Matches(@"<li style=""[^""]+"">Dads&#39; groups work <strong>online</strong>\s*<ol style=""[^""]+"">\s*<li style=""[^""]+"">on WhatsApp</li>", html);
        Assert.Contains("<ol start=\"3\"", html);
        Assert.Matches(@"<blockquote style=""[^""]*border-left:[^""]+"">\s*<p style=""[^""]+"">Quoted learning,\s+over two lines.</p>\s*</blockquote>", html);
        Assert.Matches(@"<hr style=""[^""]+"">", html);
        Assert.Matches(@"<code style=""[^""]+"">the code</code>", html);
    }

    [Fact]
    public void Every_element_of_the_email_HTML_carries_its_own_style_and_nothing_relies_on_a_stylesheet()
    {
        var html = NewsletterContent.EmailHtml(Sample + "\n\n```\nsome code\n```\n\n#### Small heading\n");

        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("class=", html);
        Assert.DoesNotContain("id=", html);
        // Every block element, link and code span: what email clients would otherwise style their own way.
        foreach (Match tag in OpeningTag().Matches(html))
            Assert.True(tag.Value.Contains("style=\""), $"{tag.Value} has no inline style");
        Assert.Equal(html.Split("<p ").Length - 1, html.Split("</p>").Length - 1);
        Assert.Matches(@"<h4 style=""[^""]*font-size:16px", html);
    }

    [Fact]
    public void The_plain_text_underlines_headings_numbers_lists_quotes_and_gives_every_link_its_address()
    {
        var text = NewsletterContent.PlainText(Sample);

        Assert.StartsWith("Spring news\n-----------\n\nA warm welcome to everyone. Read our Charter (https://heartsminds.example/charter) or write to hello@heartsminds.example.\n\n", text);
        Assert.Contains("What we learned\n---------------\n\n", text);
        Assert.Contains("- Buddies help new volunteers\n- Dads' groups work online\n  1. on WhatsApp\n  2. at weekends", text);
        Assert.Contains("3. Third\n4. Fourth", text);
        Assert.Contains("> Quoted learning,\n> over two lines.", text);
        Assert.Contains("Use the code at https://heartsminds.example/board", text);
        Assert.DoesNotContain("https://heartsminds.example/board (", text); // the address alone when the words are the address
        Assert.DoesNotContain("*", text.Replace("* * *", ""));
        Assert.DoesNotContain("`", text);
        Assert.DoesNotContain("<", text);
        Assert.DoesNotContain("#", text);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Hello <b onmouseover=\"alert(1)\">bold</b> there")]
    [InlineData("<div>\n<iframe src=\"https://evil.example\"></iframe>\n</div>")]
    public void Raw_HTML_is_shown_as_text_in_both_forms(string markdown)
    {
        var html = NewsletterContent.EmailHtml(markdown);
        var text = NewsletterContent.PlainText(markdown);

        Assert.DoesNotMatch(@"<(script|b|div|iframe)[\s>]", html);
        Assert.Contains("&lt;", html);
        Assert.Contains(markdown.Split('\n')[0].Trim(), text); // the tags are words a reader sees, as typed
    }

    [Theory]
    [InlineData("[click me](javascript:alert(1))", "click me")]
    [InlineData("[click me](JAVASCRIPT:alert(1))", "click me")]
    [InlineData("[click me](data:text/html;base64,PHNjcmlwdD4=)", "click me")]
    [InlineData("[click me](vbscript:msgbox)", "click me")]
    [InlineData("[click me](/events/2)", "click me")]
    [InlineData("[click me][ref]\n\n[ref]: javascript:alert(1)", "click me")]
    public void A_link_anywhere_but_http_or_mailto_is_its_words_and_not_a_link(string markdown, string words)
    {
        var html = NewsletterContent.EmailHtml(markdown);
        var text = NewsletterContent.PlainText(markdown);

        Assert.DoesNotContain("<a", html);
        Assert.DoesNotContain("href", html);
        Assert.Contains(words, html);
        Assert.Equal(words, text);
    }

    [Fact]
    public void An_image_is_never_loaded_it_becomes_a_link_to_its_address_with_its_alt_text()
    {
        var html = NewsletterContent.EmailHtml("![Our stand at the fair](https://heartsminds.example/stand.jpg)\n\n![](https://tracker.example/p.gif)\n\n![Hostile](javascript:alert(1))");
        var text = NewsletterContent.PlainText("![Our stand at the fair](https://heartsminds.example/stand.jpg)");

        Assert.DoesNotContain("<img", html);
        Assert.Matches(@"<a href=""https://heartsminds.example/stand.jpg"" style=""[^""]+"">Our stand at the fair</a>", html);
        Assert.Matches(@"<a href=""https://tracker.example/p.gif"" style=""[^""]+"">https://tracker.example/p.gif</a>", html);
        Assert.Contains("Hostile", html);
        Assert.DoesNotContain("javascript", html);
        Assert.Equal("Our stand at the fair (https://heartsminds.example/stand.jpg)", text);
    }

    [Fact]
    public void A_linked_image_is_one_link_not_a_link_inside_a_link()
    {
        var html = NewsletterContent.EmailHtml("[![Logo](https://cdn.example/logo.png)](https://heartsminds.example)");

        Assert.Equal(1, html.Split("<a ").Length - 1);
        Assert.Contains("<a href=\"https://heartsminds.example\" style=\"", html);
        Assert.Contains(">Logo</a>", html);
        Assert.DoesNotContain("logo.png", html);
    }

    [Fact]
    public void A_link_address_with_spaces_or_accents_stays_one_whole_address()
    {
        const string markdown = "[The café's map](<https://maps.example/Café Rouge?q=a b>)";

        Assert.Contains("<a href=\"https://maps.example/Caf%C3%A9%20Rouge?q=a%20b\" style=", NewsletterContent.EmailHtml(markdown));
        Assert.Equal("The café's map (https://maps.example/Caf%C3%A9%20Rouge?q=a%20b)", NewsletterContent.PlainText(markdown));
    }

    [Fact]
    public void The_web_page_version_is_the_site_markdown_with_no_inline_styles()
    {
        var page = NewsletterContent.PageHtml("# Spring news\n\nA **warm** [welcome](https://heartsminds.example).").ToString();

        Assert.Contains("<h1", page);
        Assert.Contains("<strong>warm</strong>", page);
        Assert.Contains("href=\"https://heartsminds.example\"", page);
        Assert.DoesNotContain("style=", page);
    }

    [Fact]
    public void Nothing_written_renders_as_nothing()
    {
        Assert.Equal("", NewsletterContent.EmailHtml(" \n"));
        Assert.Equal("", NewsletterContent.PlainText(""));
    }

    /// <summary>Opening tags of the elements that must be styled inline.</summary>
    [GeneratedRegex(@"<(p|h[1-6]|ul|ol|li|blockquote|hr|pre|code|a)[\s>][^>]*>")]
    private static partial Regex OpeningTag();
}
