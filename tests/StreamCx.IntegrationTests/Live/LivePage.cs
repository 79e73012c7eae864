using System.Text.Json;
using Microsoft.Playwright;

namespace StreamCx.IntegrationTests.Live;

/// <summary>The live page in one browser context, with the locators the tests use.</summary>
public sealed class LivePage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public List<string> ConsoleErrors { get; } = [];

    public static async Task<LivePage> OpenAsync(BrowserFixture browser, LiveServerFixture server, string? fragmentToken)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        var live = new LivePage(context, page);
        page.Console += (_, m) => { if (m.Type == "error") lock (live.ConsoleErrors) live.ConsoleErrors.Add(m.Text); };
        page.PageError += (_, e) => { lock (live.ConsoleErrors) live.ConsoleErrors.Add("page error: " + e); };
        await page.GotoAsync(new Uri(server.BaseAddress, fragmentToken is null ? "/" : "/#token=" + Uri.EscapeDataString(fragmentToken)).ToString());
        return live;
    }

    public ILocator Connection => Page.Locator("#connection");

    public ILocator AlertItem(string siteId, string attributeId) =>
        Page.Locator($".alert-item[data-site=\"{siteId}\"][data-attribute=\"{attributeId}\"]");

    public Task WaitLiveAsync() => Assertions.Expect(Connection).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 15_000 });

    /// <summary>Records, in the page, the time (epoch ms) at which an element matching the selector first appears.</summary>
    public Task WatchForAsync(string selector) => Page.EvaluateAsync(@"selector => {
        window.__seen = window.__seen || {};
        const check = () => { if (!window.__seen[selector] && document.querySelector(selector)) window.__seen[selector] = Date.now(); };
        check();
        new MutationObserver(check).observe(document.body, { childList: true, subtree: true });
    }", selector);

    public async Task<long?> SeenAtAsync(string selector)
    {
        var value = await Page.EvaluateAsync<JsonElement>("selector => (window.__seen || {})[selector] ?? null", selector);
        return value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
