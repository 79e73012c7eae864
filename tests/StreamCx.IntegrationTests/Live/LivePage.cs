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

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
