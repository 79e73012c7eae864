using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StreamCx.IntegrationTests.Live;

/// <summary>
/// The live page in a real browser (headless Chromium from the Debian package, driven by Playwright) against the real
/// engine on embedded defaults; alerts are caused by feedback events produced to its Kafka.
/// </summary>
[Collection(LiveServerCollection.Name)]
public class LivePageTests(LiveServerFixture server, BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_wrong_token_shows_the_login_form_and_the_right_one_opens_the_live_page()
    {
        await using var live = await LivePage.OpenAsync(browser, server, "wrong-token-0123456789");
        await Expect(live.Page.Locator("#login")).ToBeVisibleAsync();
        await Expect(live.Page.Locator("#login-error")).ToHaveTextAsync("That token was refused.");
        await Expect(live.Page.Locator("#app")).ToBeHiddenAsync();

        await live.Page.FillAsync("#token-input", server.Token);
        await live.Page.ClickAsync("#login-form button[type=submit]");
        await live.WaitLiveAsync();
        await Expect(live.Page.Locator("#login")).ToBeHiddenAsync();
        Assert.DoesNotContain(server.Token, live.Page.Url, StringComparison.Ordinal);
    }

    /// <remarks>
    /// How fast is measured in perf/, not here: produce → alert by StreamCx.Perf.AlertLatency, alert → stream clients by
    /// StreamCx.Perf.LiveStream (the browser's own rendering is not measured).
    /// </remarks>
    [Fact]
    public async Task An_alert_caused_by_events_produced_to_Kafka_appears_in_the_open_page_without_reload()
    {
        await using var live = await LivePage.OpenAsync(browser, server, server.Token);
        await live.WaitLiveAsync();
        Assert.DoesNotContain(server.Token, live.Page.Url, StringComparison.Ordinal); // the fragment is cleared
        var navigations = 0;
        live.Page.FrameNavigated += (_, _) => navigations++;
        await live.Page.EvaluateAsync("() => { window.__sameDocument = true; }");

        var (region, attribute) = server.Scenarios.Take();
        var sites = await server.Scenarios.SitesOfAsync(region);
        var target = sites[5];
        var selector = $".alert-item[data-site=\"{target}\"][data-attribute=\"{attribute}\"]";
        await Expect(live.Page.Locator(selector)).ToHaveCountAsync(0); // not there before its events
        var produced = Stopwatch.StartNew();
        await server.Scenarios.ProducePeerScenarioAsync(region, attribute);

        await Expect(live.Page.Locator(selector)).ToBeVisibleAsync(new() { Timeout = (float)AlertTimeout.TotalMilliseconds });
        output.WriteLine($"events produced (flushed) → alert visible: {produced.Elapsed.TotalMilliseconds:0} ms (for information; not a bound)");
        var record = await LiveApi.WaitForOpenAlertAsync(server.Http, target, attribute, AlertTimeout);

        Assert.Equal(0, navigations);
        Assert.True(await live.Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await Expect(live.Page.Locator(selector + " .alert-explanation")).ToHaveTextAsync(record.GetProperty("alert").GetProperty("explanation").GetString()!);
    }

    [Fact]
    public async Task Acknowledging_updates_this_page_another_open_page_and_the_REST_view()
    {
        var (region, attribute) = server.Scenarios.Take();
        var target = await server.Scenarios.ProducePeerScenarioAsync(region, attribute);
        var alertId = LiveApi.AlertId(await LiveApi.WaitForOpenAlertAsync(server.Http, target, attribute, AlertTimeout));

        await using var watcher = await LivePage.OpenAsync(browser, server, server.Token);
        await using var live = await LivePage.OpenAsync(browser, server, server.Token);
        await live.WaitLiveAsync();
        await watcher.WaitLiveAsync();
        var item = live.AlertItem(target, attribute);
        await item.ClickAsync();
        await Expect(live.Page.Locator("#detail-body")).ToHaveAttributeAsync("data-alert-id", alertId);
        await Expect(live.Page.Locator("#detail-ack")).ToHaveTextAsync("Not acknowledged yet.");

        await live.Page.FillAsync("#ack-by", "Camille (CX team)");
        await live.Page.FillAsync("#ack-note", "Called the store manager");
        await live.Page.ClickAsync("#ack-button");

        await Expect(item.Locator(".ack-chip")).ToHaveTextAsync("acknowledged by Camille (CX team)");
        await Expect(live.Page.Locator("#detail-ack")).ToContainTextAsync("Acknowledged by Camille (CX team)");
        await Expect(live.Page.Locator("#detail-ack")).ToContainTextAsync("Called the store manager");
        await Expect(watcher.AlertItem(target, attribute).Locator(".ack-chip")).ToHaveTextAsync("acknowledged by Camille (CX team)");

        var detail = await LiveApi.GetAsync(server.Http, $"/api/alerts/{alertId}");
        Assert.Equal("Camille (CX team)", detail.GetProperty("acknowledgement").GetProperty("by").GetString());
        Assert.Equal("Called the store manager", detail.GetProperty("acknowledgement").GetProperty("note").GetString());
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "acknowledged");
        Assert.True(detail.GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task Filters_hide_and_show_the_right_alerts()
    {
        var (regionA, attributeA) = server.Scenarios.Take();
        var (regionB, attributeB) = server.Scenarios.Take((r, a) => r != regionA && a != attributeA);
        var siteA = await server.Scenarios.ProducePeerScenarioAsync(regionA, attributeA);
        var siteB = await server.Scenarios.ProducePeerScenarioAsync(regionB, attributeB);
        var severityA = (await LiveApi.WaitForOpenAlertAsync(server.Http, siteA, attributeA, AlertTimeout)).GetProperty("alert").GetProperty("severity").GetDouble();
        var severityB = (await LiveApi.WaitForOpenAlertAsync(server.Http, siteB, attributeB, AlertTimeout)).GetProperty("alert").GetProperty("severity").GetDouble();

        await using var live = await LivePage.OpenAsync(browser, server, server.Token);
        await live.WaitLiveAsync();
        var a = live.AlertItem(siteA, attributeA);
        var b = live.AlertItem(siteB, attributeB);
        await Expect(a).ToBeVisibleAsync();
        await Expect(b).ToBeVisibleAsync();

        async Task Apply(string select, string value)
        {
            await live.Page.SelectOptionAsync(select, value);
            await live.WaitLiveAsync();
        }

        await Apply("#filter-region", regionA);
        await Expect(a).ToBeVisibleAsync();
        await Expect(b).ToHaveCountAsync(0);
        Assert.All(await live.Page.Locator(".alert-item").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.region)"), r => Assert.Equal(regionA, r));

        await Apply("#filter-region", "");
        await Apply("#filter-attribute", attributeB);
        await Expect(b).ToBeVisibleAsync();
        await Expect(a).ToHaveCountAsync(0);

        await Apply("#filter-attribute", "");
        await Apply("#filter-site", siteA);
        await Expect(a).ToBeVisibleAsync();
        await Expect(b).ToHaveCountAsync(0);
        Assert.All(await live.Page.Locator(".alert-item").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.site)"), s => Assert.Equal(siteA, s));

        await Apply("#filter-site", "");
        foreach (var (level, threshold) in new[] { ("medium", 0.25), ("high", 0.5), ("critical", 0.75), ("", 0.0) })
        {
            await Apply("#filter-severity", level);
            await Expect(a).ToHaveCountAsync(severityA >= threshold ? 1 : 0);
            await Expect(b).ToHaveCountAsync(severityB >= threshold ? 1 : 0);
        }

        // a filter set before an alert exists lets it in live, and keeps another region's out
        var (regionC, attributeC) = server.Scenarios.Take((r, _) => r == regionA);
        await Apply("#filter-region", regionA);
        var (regionD, attributeD) = server.Scenarios.Take((r, _) => r == regionB);
        var siteC = await server.Scenarios.ProducePeerScenarioAsync(regionC, attributeC);
        var siteD = await server.Scenarios.ProducePeerScenarioAsync(regionD, attributeD);
        await Expect(live.AlertItem(siteC, attributeC)).ToBeVisibleAsync(new() { Timeout = (float)AlertTimeout.TotalMilliseconds });
        await LiveApi.WaitForOpenAlertAsync(server.Http, siteD, attributeD, AlertTimeout);
        await Expect(live.AlertItem(siteD, attributeD)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Verbatims_with_script_and_img_tags_show_as_literal_text_and_run_nothing()
    {
        const string script = "<script>window.__xss = 'script'; alert(1)</script>Queue far too long";
        const string image = "<img src=x onerror=\"window.__xss = 'img'; alert(2)\">Nobody at the checkout";
        var (region, attribute) = server.Scenarios.Take();
        var target = await server.Scenarios.ProducePeerScenarioAsync(region, attribute, script, image);
        var record = await LiveApi.WaitForOpenAlertAsync(server.Http, target, attribute, AlertTimeout);
        var texts = record.GetProperty("alert").GetProperty("verbatims").EnumerateArray().Select(v => v.GetProperty("text").GetString()).ToArray();
        Assert.Contains(script, texts);
        Assert.Contains(image, texts);

        await using var live = await LivePage.OpenAsync(browser, server, server.Token);
        var dialogs = new List<string>();
        live.Page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        var imageRequests = new List<string>();
        live.Page.Request += (_, r) => { if (r.Url.EndsWith("/x", StringComparison.Ordinal)) imageRequests.Add(r.Url); };
        await live.WaitLiveAsync();
        await live.AlertItem(target, attribute).ClickAsync();

        var verbatims = live.Page.Locator("#detail-verbatims .verbatim-text");
        await Expect(verbatims.Filter(new() { HasText = "Queue far too long" }).First).ToBeVisibleAsync();
        var shown = await verbatims.AllTextContentsAsync();
        Assert.Contains(script, shown);
        Assert.Contains(image, shown);
        Assert.All(shown, text => Assert.Contains(text, texts));
        await Expect(live.Page.Locator("#detail-verbatims img")).ToHaveCountAsync(0);
        await Expect(live.Page.Locator("#detail-verbatims script")).ToHaveCountAsync(0);
        await live.Page.WaitForTimeoutAsync(500); // time for an injected handler to have run, had one been created
        Assert.Equal("undefined", await live.Page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Empty(dialogs);
        Assert.Empty(imageRequests);
    }

    [Fact]
    public async Task The_region_board_colours_sites_by_attributes_by_status_with_a_sparkline_and_a_screenshot_is_kept()
    {
        var (region, attribute) = server.Scenarios.Take();
        var target = await server.Scenarios.ProducePeerScenarioAsync(region, attribute,
            "Rupture de stock sur les produits en promotion", "Nothing on the shelves again <b>today</b>");
        var record = await LiveApi.WaitForOpenAlertAsync(server.Http, target, attribute, AlertTimeout);
        var level = record.GetProperty("alert").GetProperty("severityLevel").GetString()!;
        var sites = await server.Scenarios.SitesOfAsync(region);

        await using var live = await LivePage.OpenAsync(browser, server, server.Token);
        await live.WaitLiveAsync();
        await live.Page.SelectOptionAsync("#board-region", region);
        var cell = live.Page.Locator($"#board-table tr[data-site=\"{target}\"] td[data-attribute=\"{attribute}\"]");
        await Expect(cell).ToHaveAttributeAsync("data-status", level);
        await Expect(cell).ToHaveClassAsync(new System.Text.RegularExpressions.Regex($"\\bstatus-{level}\\b"));
        await Expect(cell.Locator("svg.sparkline polyline")).Not.ToHaveCountAsync(0);
        var peer = live.Page.Locator($"#board-table tr[data-site=\"{sites[0]}\"] td[data-attribute=\"{attribute}\"]");
        await Expect(peer).ToHaveAttributeAsync("data-status", "ok");
        await Expect(peer.Locator("svg.sparkline polyline")).Not.ToHaveCountAsync(0);
        var scores = await LiveApi.GetAsync(server.Http, $"/api/sites/{sites[0]}/scores");
        var mean = scores.GetProperty("attributes").GetProperty(attribute).GetProperty("window").GetProperty("mean").GetDouble();
        await Expect(peer.Locator(".cell-value")).ToHaveTextAsync(mean.ToString("0.##", CultureInfo.InvariantCulture));
        var untouched = live.Page.Locator($"#board-table tr[data-site=\"{sites[^1]}\"] td[data-attribute=\"{attribute}\"]");
        if (sites.Count > 6) await Expect(untouched).ToHaveAttributeAsync("data-status", "no-data");

        await cell.ClickAsync();
        await Expect(live.Page.Locator("#detail-body")).ToHaveAttributeAsync("data-alert-id", LiveApi.AlertId(record));
        await Expect(live.Page.Locator("#detail-factors .factor-peer")).ToBeVisibleAsync();
        var screenshot = TestArtifacts.PathOf("live-page.png");
        await live.Page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        Assert.Empty(live.ConsoleErrors);
    }
}
