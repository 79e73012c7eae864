using Microsoft.Playwright;

namespace StreamCx.IntegrationTests.Live;

/// <summary>
/// Chromium from the Debian package (<c>/usr/bin/chromium</c>), headless, driven by Microsoft.Playwright (its node
/// driver ships in the NuGet package; no browser download). Started once per test run; each test opens its own
/// context (fresh storage).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} is missing: tests/test.sh installs the Debian package 'chromium'");
        _playwright = await Playwright.CreateAsync();
        // Playwright gives a non-persistent browser a new, empty user-data-dir of its own.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
