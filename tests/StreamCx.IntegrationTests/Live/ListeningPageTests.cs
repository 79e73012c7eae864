using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StreamCx.IntegrationTests.Live;

/// <summary>
/// The listening sources in a real browser: a social alert caused by mentions produced to Kafka, citing an incident whose
/// uncatalogued type is hostile markup, shows that text literally and runs nothing; so do a complaint reason on the reasons
/// board, a hostile channel and touchpoint, and a hostile unit id that a site alert names.
/// </summary>
[Collection(LiveServerCollection.Name)]
public class ListeningPageTests(LiveServerFixture server, BrowserFixture browser)
{
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Hostile_text_in_the_new_fields_shows_as_literal_text_in_the_social_alert_and_runs_nothing()
    {
        const string hostileType = "<img src=x onerror=\"window.__xss = 'incident'; alert(3)\">";
        const string hostileReason = "<svg onload=\"window.__xss = 'reason'; alert(9)\">";
        var (region, _) = server.Scenarios.Take();
        var site = (await server.Scenarios.SitesOfAsync(region))[0];
        // the burst in a slot of event time of its own (no scenario after it is behind it); the history and the incident
        // before it are behind the engine's frontier: the listening sources apply them on arrival
        var now = server.Scenarios.NextSlot().AddMinutes(10);
        string Message(JsonObject o) => o.ToJsonString();
        var messages = new List<(string, string)>
        {
            // a day and more of history for the site's mentions, then an incident, then a burst of negative mentions
            (site, Message(Mention(site, now.AddHours(-30), "hist", -0.5, "<script>window.__xss = 'mention'</script>"))),
            (site, Message(new JsonObject
            {
                ["type"] = "incident", ["eventId"] = $"it-inc-{Guid.NewGuid():N}", ["occurredAt"] = now.AddHours(-1).ToString("O"), ["siteId"] = site,
                ["incidentType"] = hostileType, ["magnitude"] = 42, ["text"] = "<iframe src=javascript:alert(4)>",
            })),
        };
        for (var n = 0; n < 3; n++) // complaints of an uncatalogued reason that is markup, for the reasons board
            messages.Add((site, Message(new JsonObject
            {
                ["type"] = "complaint", ["eventId"] = $"it-cmp-{n}-{Guid.NewGuid():N}", ["occurredAt"] = now.AddMinutes(-50 + n).ToString("O"), ["siteId"] = site,
                ["channel"] = "phone", ["reason"] = hostileReason, ["text"] = "<script>window.__xss = 'complaint'</script>",
            })));
        for (var n = 0; n < 8; n++) messages.Add((site, Message(Mention(site, now.AddMinutes(-5).AddSeconds(n * 20), $"burst-{n}", -0.9, "<b onmouseover=alert(5)>awful</b>"))));
        await server.Scenarios.ProduceAsync(messages);

        var record = await LiveApi.WaitForOpenAlertAsync(server.Http, site, "social", AlertTimeout);
        var explanation = record.GetProperty("alert").GetProperty("explanation").GetString()!;
        Assert.Contains(hostileType, explanation, StringComparison.Ordinal);

        await using var live = await LivePage.OpenAsync(browser, server, server.Token);
        var dialogs = new List<string>();
        live.Page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        var imageRequests = new List<string>();
        live.Page.Request += (_, r) => { if (r.Url.EndsWith("/x", StringComparison.Ordinal)) imageRequests.Add(r.Url); };
        await live.WaitLiveAsync();
        await live.AlertItem(site, "social").ClickAsync();

        await Expect(live.Page.Locator("#detail-explanation")).ToContainTextAsync(hostileType);
        await Expect(live.Page.Locator("#detail-factors [data-kind=social]")).ToContainTextAsync(hostileType);
        await Expect(live.Page.Locator("#detail-body img")).ToHaveCountAsync(0);
        await live.Page.SelectOptionAsync("#reasons-region", region);
        await Expect(live.Page.Locator("#reasons-table tbody")).ToContainTextAsync($"{hostileReason} (uncatalogued)");
        await Expect(live.Page.Locator("#reasons img, #reasons svg")).ToHaveCountAsync(0);
        await Expect(live.Page.Locator("#detail-body script")).ToHaveCountAsync(0);
        await live.Page.WaitForTimeoutAsync(500); // time for an injected handler to have run, had one been created
        Assert.Equal("undefined", await live.Page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Empty(dialogs);
        Assert.Empty(imageRequests);
    }

    [Fact]
    public async Task The_journey_indicators_board_counts_a_journey_produced_to_Kafka_and_shows_a_hostile_department_as_text()
    {
        const string hostileDepartment = "<img src=x onerror=\"window.__xss = 'department'; alert(8)\">";
        var (region, attribute) = server.Scenarios.Take();
        var site = (await server.Scenarios.SitesOfAsync(region))[0];
        var at = server.Scenarios.NextSlot().AddMinutes(5);
        var journey = $"it-jrn-{Guid.NewGuid():N}";
        var messages = new List<(string, string)>
        {
            (journey, new JsonObject
            {
                ["type"] = "journey-step", ["eventId"] = $"it-st-{Guid.NewGuid():N}", ["occurredAt"] = at.ToString("O"), ["journeyId"] = journey,
                ["department"] = hostileDepartment, ["step"] = "call", ["siteId"] = site, ["customerId"] = "it-cus-1",
            }.ToJsonString()),
        };
        for (var m = 10; m <= 60; m += 5) // answers after it, so that the frontier passes it
            messages.Add((site, new JsonObject
            {
                ["eventId"] = $"it-ji-{m}-{Guid.NewGuid():N}", ["occurredAt"] = at.AddMinutes(m).ToString("O"), ["siteId"] = site, ["channel"] = "store",
                ["ratings"] = new JsonObject { [attribute] = 4 },
            }.ToJsonString()));
        await server.Scenarios.ProduceAsync(messages);
        var deadline = DateTime.UtcNow + AlertTimeout;
        while ((await server.Http.GetAsync($"/api/journeys/{journey}")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, $"journey {journey} not applied within {AlertTimeout}");
            await Task.Delay(200);
        }

        await using var live = await LivePage.OpenAsync(browser, server, server.Token);
        var dialogs = new List<string>();
        live.Page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        await live.WaitLiveAsync();
        await live.Page.SelectOptionAsync("#journey-indicators-by", "department");
        var row = live.Page.Locator("#journey-indicators-table tbody tr").Filter(new() { HasText = hostileDepartment });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(live.Page.Locator("#journey-indicators img")).ToHaveCountAsync(0);
        await live.Page.SelectOptionAsync("#journey-indicators-by", "site");
        await Expect(live.Page.Locator("#journey-indicators-note")).ToContainTextAsync("journeys active in the 30 days");
        await Expect(live.Page.Locator($"#journey-indicators-table tbody tr[data-key=\"{site}\"]")).ToHaveCountAsync(1);
        await live.Page.WaitForTimeoutAsync(500); // time for an injected handler to have run, had one been created
        Assert.Equal("undefined", await live.Page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task Hostile_channel_and_touchpoint_text_shows_as_literal_text_in_the_channel_alert_and_the_channels_table()
    {
        const string hostileChannel = "<img src=x onerror=\"window.__xss = 'channel'; alert(6)\">";
        const string hostileTouchpoint = "<svg onload=alert(7)>";
        var (region, attribute) = server.Scenarios.Take();
        var site = (await server.Scenarios.SitesOfAsync(region))[0];
        // three slots of event time of its own: 120 answers in the first 40 minutes, the hostile channel rated 1, the others 5;
        // then answers up to 130 minutes on, so that the frontier passes the end of their hours and the channels test them
        var start = server.Scenarios.NextSlot();
        server.Scenarios.NextSlot();
        server.Scenarios.NextSlot();
        string Answer(int n, DateTimeOffset at, string channel, string touchpoint, int rating) => new JsonObject
        {
            ["eventId"] = $"it-ch-{n}-{Guid.NewGuid():N}", ["occurredAt"] = at.ToString("O"), ["siteId"] = site, ["channel"] = channel,
            ["touchpoint"] = touchpoint, ["ratings"] = new JsonObject { [attribute] = rating },
        }.ToJsonString();
        var messages = new List<(string, string)>();
        for (var n = 0; n < 120; n++)
        {
            var hostile = n % 3 == 0;
            messages.Add((site, Answer(n, start.AddSeconds(n * 20), hostile ? hostileChannel : "store", hostile ? hostileTouchpoint : "checkout", hostile ? 1 : 5)));
        }
        for (var m = 45; m <= 130; m += 5) // every 5 minutes, not one jump that the engine would hold as early
            messages.Add((site, Answer(1000 + m, start.AddMinutes(m), "store", "checkout", 5)));
        await server.Scenarios.ProduceAsync(messages);

        var record = await LiveApi.WaitForOpenAlertAsync(server.Http, site, attribute, AlertTimeout, a => a.GetProperty("factors")[0] is var f && f.GetProperty("kind").GetString() == "channel" && f.GetProperty("dimension").GetString() == "channel");
        Assert.Contains(hostileChannel, record.GetProperty("alert").GetProperty("explanation").GetString()!, StringComparison.Ordinal);

        await using var live = await LivePage.OpenAsync(browser, server, server.Token);
        var dialogs = new List<string>();
        live.Page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        await live.WaitLiveAsync();
        await live.AlertItem(site, attribute).First.ClickAsync();
        // the channel and the touchpoint are equally worse (every hostile answer names both): two alerts, the first shown is either
        await Expect(live.Page.Locator("#detail-factors [data-kind=channel]"))
            .ToContainTextAsync(new System.Text.RegularExpressions.Regex($"{System.Text.RegularExpressions.Regex.Escape(hostileChannel)}|{System.Text.RegularExpressions.Regex.Escape(hostileTouchpoint)}"));
        await live.Page.SelectOptionAsync("#channels-site", site);
        await Expect(live.Page.Locator("#channels-table thead")).ToContainTextAsync(hostileChannel);
        await Expect(live.Page.Locator("#channels-table thead")).ToContainTextAsync(hostileTouchpoint);
        await Expect(live.Page.Locator("#channels-table td.channel-worse").First).ToBeVisibleAsync();
        await Expect(live.Page.Locator("#detail-body img, #channels img, #channels svg")).ToHaveCountAsync(0);
        await live.Page.WaitForTimeoutAsync(500);
        Assert.Equal("undefined", await live.Page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task A_hostile_unit_id_named_by_a_site_alert_and_a_hostile_staff_report_topic_beside_it_show_as_literal_text_and_run_nothing()
    {
        const string hostileUnit = "<img src=x onerror=\"window.__xss = 'unit'; alert(8)\">";
        const string hostileTopic = "<img src=y onerror=\"window.__xss = 'topic'; alert(10)\">";
        var (region, attribute) = server.Scenarios.Take();
        var site = (await server.Scenarios.SitesOfAsync(region))[0];
        // six slots of event time of its own (300 minutes): an answer a minute, three units in turn, rated 4 or 5 for four
        // hours; then the hostile unit's answers are rated 1 or 2: the trend alert names it as the unit behind the drop
        var start = server.Scenarios.NextSlot();
        for (var slot = 1; slot < 6; slot++) server.Scenarios.NextSlot();
        var messages = Enumerable.Range(0, 300).Select(m =>
        {
            var hostile = m % 3 == 0;
            var rating = hostile && m >= 240 ? 1 + (m % 2) : 4 + (m % 2);
            return (site, new JsonObject
            {
                ["eventId"] = $"it-unit-{m}-{Guid.NewGuid():N}", ["occurredAt"] = start.AddMinutes(m).ToString("O"), ["siteId"] = site, ["channel"] = "store",
                ["unitId"] = hostile ? hostileUnit : $"seller-{m % 3}", ["ratings"] = new JsonObject { [attribute] = rating },
                ["handlingSeconds"] = 300, ["firstContactResolution"] = m % 2 == 0,
            }.ToJsonString());
        }).ToList();
        // and two negative staff reports at the site: on the attribute, and on a free topic that is markup
        string Report(int n, JsonObject subject)
        {
            subject["type"] = "internal-report";
            subject["eventId"] = $"it-staff-{n}-{Guid.NewGuid():N}";
            subject["occurredAt"] = start.AddMinutes(250 + n).ToString("O");
            subject["siteId"] = site;
            subject["reporterRole"] = "cashier";
            subject["sentiment"] = -0.7;
            subject["text"] = "<script>window.__xss = 'report'</script>";
            return subject.ToJsonString();
        }
        messages.Insert(251, (site, Report(0, new JsonObject { ["attributeId"] = attribute })));
        messages.Insert(253, (site, Report(1, new JsonObject { ["topic"] = hostileTopic })));
        await server.Scenarios.ProduceAsync(messages);

        var record = await LiveApi.WaitForOpenAlertAsync(server.Http, site, attribute, AlertTimeout, a => a.TryGetProperty("units", out _));
        Assert.Equal(hostileUnit, record.GetProperty("alert").GetProperty("units")[0].GetProperty("unitId").GetString());

        await using var live = await LivePage.OpenAsync(browser, server, server.Token);
        var dialogs = new List<string>();
        live.Page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        await live.WaitLiveAsync();
        await live.AlertItem(site, attribute).First.ClickAsync();

        await Expect(live.Page.Locator("#detail-facts")).ToContainTextAsync("Units behind the drop");
        await Expect(live.Page.Locator("#detail-facts")).ToContainTextAsync(hostileUnit);
        await Expect(live.Page.Locator("#detail-explanation")).ToContainTextAsync($"Most of the drop comes from {hostileUnit}: ");
        await Expect(live.Page.Locator("#detail-staff")).ToContainTextAsync($"{hostileTopic} (topic): 1 negative report");
        await Expect(live.Page.Locator($"#detail-staff li[data-subject='{attribute}']")).ToContainTextAsync(": 1 negative report");
        await Expect(live.Page.Locator("#detail-staff li")).ToHaveCountAsync(2);
        // the answers' service figures, under the site's channels
        await live.Page.SelectOptionAsync("#channels-site", site);
        await Expect(live.Page.Locator("#service-table tr[data-channel=store]")).ToContainTextAsync("50 %");
        await Expect(live.Page.Locator("#service-table tr[data-channel=store]")).ToContainTextAsync("300 s");
        await Expect(live.Page.Locator("#detail-body img")).ToHaveCountAsync(0);
        await live.Page.WaitForTimeoutAsync(500); // time for an injected handler to have run, had one been created
        Assert.Equal("undefined", await live.Page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Empty(dialogs);
    }

    private static JsonObject Mention(string site, DateTimeOffset at, string id, double sentiment, string text) => new()
    {
        ["type"] = "social-mention", ["eventId"] = $"it-{id}-{Guid.NewGuid():N}", ["occurredAt"] = at.ToString("O"), ["siteId"] = site,
        ["platform"] = "x", ["sentiment"] = sentiment, ["reach"] = 900, ["text"] = text, ["url"] = "https://x.example/status/1",
    };
}
