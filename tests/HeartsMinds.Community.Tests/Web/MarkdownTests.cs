using HeartsMinds.Community.Platform.Web;

namespace HeartsMinds.Community.Tests.Web;

public sealed class MarkdownTests
{
    [Fact]
    public void Formatting_and_safe_links_come_through()
    {
        var html = Markdown.ToHtml("A **warm** welcome. [Our site](https://example.org) and <https://example.org/a>").ToString();

        Assert.Contains("<strong>warm</strong>", html);
        Assert.Contains("href=\"https://example.org\"", html);
        Assert.Contains("href=\"https://example.org/a\"", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    public void Hostile_input_is_shown_as_text_or_loses_its_link(string markdown)
    {
        var html = Markdown.ToHtml(markdown).ToString();

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("data:text", html);
    }
}
