using System.Text.Json;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HeartsMinds.Community.BrowserTests.Infrastructure;

/// <summary>
/// The real app served by Kestrel on a free loopback port, on its own PostgreSQL database, and Debian's Chromium
/// driven by Playwright (which cannot download a browser of its own here). A test class that needs other settings
/// derives a fixture of its own and adds them in <see cref="Configure"/>.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;

    public CommunityAppFactory App { get; } = new();

    /// <summary>A real SMTP server the app delivers to: what people would find in their inbox.</summary>
    public SmtpSink Mail { get; } = SmtpSink.Start();
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        App.WithSetting("Mail:Smtp:Host", Mail.Host)
            .WithSetting("Mail:Smtp:Port", Mail.Port.ToString())
            .WithSetting("Mail:Smtp:Security", "None")
            .WithSetting("Mail:Outbox:PollInterval", "00:00:01")
            // So the next Conversation Space session's places are always taken at registration, whatever the date.
            .WithSetting("EverySession:PlacesTakenBefore", "35.00:00:00");
        Configure(App);
        App.UseKestrel(0);
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ChromiumArgs,
            Headless = true,
        });
    }

    /// <summary>Settings (or a clock) for one test class's app, added before it starts.</summary>
    protected virtual void Configure(CommunityAppFactory app) { }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
        await Mail.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies) with a page; phone-sized unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(int width = 360, int height = 740)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            // axe-core is injected as an inline script, which the site's own CSP (rightly) forbids.
            BypassCSP = true,
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") ConsoleErrors.Add($"{page.Url}: {message.Text}");
        };
        return page;
    }

    /// <summary>
    /// A phone-sized page under the site's own CSP (no bypass), for proving a journey breaks none of it. axe comes
    /// in as an init script, which the CSP does not govern; every CSP violation is kept in window.cspViolations.
    /// </summary>
    public async Task<IPage> NewStrictCspPageAsync(int width = 360, int height = 740)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        await context.AddInitScriptAsync(Accessibility.AxeScript);
        await context.AddInitScriptAsync("""
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
              window.cspViolations.push(`${e.violatedDirective} from ${e.sourceFile}:${e.lineNumber} (${e.sample || e.blockedURI})`));
            """);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") ConsoleErrors.Add($"{page.Url}: {message.Text}");
        };
        return page;
    }

    /// <summary>Errors the pages wrote to the browser console (CSP violations show up here).</summary>
    public List<string> ConsoleErrors { get; } = [];
}

public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(FindAxe()));

    /// <summary>axe-core's source, for pages that load it as an init script.</summary>
    public static string AxeScript => AxeSource.Value;

    /// <summary>Runs axe-core on the page (WCAG 2.0-2.2 A and AA rules) and fails with a readable list of violations.</summary>
    public static async Task AssertNoAxeViolationsAsync(this IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.AddScriptTagAsync(new() { Content = AxeSource.Value });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
                return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }));
            }
            """);
        var violations = result.EnumerateArray().Select(v => $"{v.GetProperty("id")} ({v.GetProperty("impact")}): {v.GetProperty("help")} at {string.Join(", ", v.GetProperty("targets").EnumerateArray())}").ToList();
        Assert.True(violations.Count == 0, $"axe found {violations.Count} problem(s) on {page.Url}:\n" + string.Join("\n", violations));
    }

    private static string FindAxe()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "HeartsMinds.Community.BrowserTests", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("axe-core is not installed: run npm ci in tests/HeartsMinds.Community.BrowserTests (./test.sh does).");
    }
}
