using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StreamCx.IntegrationTests.Live;

/// <summary>
/// The journey and account views in a real browser: a watermelon journey produced to Kafka (four contacts over three
/// departments, its survey CSAT 5) is alerted; on the page, filtered to watermelon alerts, its journey id opens the
/// journey's timeline, and the journey's account id the account's score by role. A step named with hostile markup shows
/// as literal text.
/// </summary>
[Collection(LiveServerCollection.Name)]
public class JourneyPageTests(LiveServerFixture server, BrowserFixture browser)
{
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_journey_id_of_a_watermelon_alert_opens_its_timeline_and_its_account_id_the_roles()
    {
        const string hostileStep = "<img src=x onerror=\"window.__xss = 'step'\">";
        var (region, _) = server.Scenarios.Take();
        var site = (await server.Scenarios.SitesOfAsync(region))[0];
        var start = server.Scenarios.NextSlot();
        var id = Guid.NewGuid().ToString("N")[..12];
        var (journeyId, accountId) = ($"it-jrn-{id}", $"it-acc-{id}");
        JsonObject Message(string type, int minute, string department) => new()
        {
            ["type"] = type, ["eventId"] = $"it-{type}-{minute}-{id}", ["occurredAt"] = start.AddMinutes(minute).ToString("O"), ["siteId"] = site,
            ["journeyId"] = journeyId, ["accountId"] = accountId, ["department"] = department,
        };
        var survey = Message("feedback", 2, "support");
        survey["channel"] = "phone";
        survey["contactRole"] = "user";
        survey["csat"] = 5;
        var call = Message("journey-step", 1, "support");
        call["step"] = "call";
        var bill = Message("journey-step", 3, "billing");
        bill["step"] = "invoice-check";
        var visit = Message("journey-step", 4, "field-service");
        visit["step"] = hostileStep;
        await server.Scenarios.ProduceAsync(new[] { call, survey, bill, visit }.Select(m => (site, m.ToJsonString())));

        try
        {
            await LiveApi.WaitForOpenAlertAsync(server.Http, site, "journey", AlertTimeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nthe engine's last lines:\n{string.Join('\n', server.Server.Output.TakeLast(30))}", e);
        }

        await using var live = await LivePage.OpenAsync(browser, server, server.Token);
        var dialogs = new List<string>();
        live.Page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        await live.WaitLiveAsync();
        await live.Page.SelectOptionAsync("#filter-kind", "watermelon");
        await Expect(live.Page.Locator(".alert-item[data-attribute]:not([data-attribute=journey])")).ToHaveCountAsync(0);
        await live.AlertItem(site, "journey").ClickAsync();

        await live.Page.Locator($"#detail-factors [data-kind=watermelon] [data-journey-id=\"{journeyId}\"]").ClickAsync();
        var related = live.Page.Locator("#related");
        await Expect(related).ToHaveAttributeAsync("data-state", "ready");
        await Expect(live.Page.Locator("#related-title")).ToHaveTextAsync($"Journey {journeyId}");
        var steps = related.Locator("table.steps tbody tr");
        await Expect(steps).ToHaveCountAsync(4);
        await Expect(steps.Nth(1)).ToContainTextAsync("support");
        await Expect(steps.Nth(1)).ToContainTextAsync("10/10");
        await Expect(steps.Nth(3)).ToContainTextAsync(hostileStep);
        await Expect(related).ToContainTextAsync("too-many-contacts");
        await Expect(related.Locator("img")).ToHaveCountAsync(0);

        await related.Locator($"[data-account-id=\"{accountId}\"]").ClickAsync();
        await Expect(live.Page.Locator("#related-title")).ToHaveTextAsync($"Account {accountId}");
        await Expect(related).ToHaveAttributeAsync("data-state", "ready");
        await Expect(related.Locator("tr[data-role=user]")).ToContainTextAsync("10/10");

        Assert.Empty(live.ConsoleErrors);

        // a journey no engine holds (dropped since the alert): the panel says so, with the server's text (the browser logs the 404)
        await live.Page.EvaluateAsync("""
            async () => {
              const view = await import('./journey-view.js');
              const api = async (path) => {
                const response = await fetch(path, { headers: { Authorization: `Bearer ${sessionStorage.getItem('streamcx.token')}` } });
                const data = await response.json();
                if (!response.ok) throw new Error(data.error);
                return data;
              };
              await view.openJourney('it-jrn-gone<b>', api);
            }
            """);
        await Expect(related).ToHaveAttributeAsync("data-state", "error");
        await Expect(related.Locator(".related-error")).ToHaveTextAsync("Could not show journey it-jrn-gone<b>: no journey 'it-jrn-gone<b>'.");
        await Expect(related.Locator("b")).ToHaveCountAsync(0);

        await live.Page.Locator("#related-close").ClickAsync();
        await Expect(related).ToBeHiddenAsync();
        Assert.Equal("undefined", await live.Page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Empty(dialogs);
        Assert.All(live.ConsoleErrors, e => Assert.Contains("404", e, StringComparison.Ordinal));
    }
}
