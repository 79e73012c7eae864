using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace StreamCx.IntegrationTests.Live;

/// <summary>The REST view of the alerts on the real engine: open alerts, one alert with history, acknowledge, resolve.</summary>
[Collection(LiveServerCollection.Name)]
public class AlertApiTests(LiveServerFixture server)
{
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(30);

    private async Task<(string Site, string Attribute, string Region, JsonElement Record)> NewAlertAsync()
    {
        var (region, attribute) = server.Scenarios.Take();
        var site = await server.Scenarios.ProducePeerScenarioAsync(region, attribute);
        return (site, attribute, region, await LiveApi.WaitForOpenAlertAsync(server.Http, site, attribute, AlertTimeout));
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body, string mediaType = "application/json") =>
        server.Http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, mediaType));

    private static IEnumerable<string> OpenIds(JsonElement list) => list.GetProperty("alerts").EnumerateArray().Select(LiveApi.AlertId);

    [Fact]
    public async Task Open_alerts_are_listed_with_filters_and_one_alert_comes_with_its_history()
    {
        var (site, attribute, region, record) = await NewAlertAsync();
        var alertId = LiveApi.AlertId(record);
        var severity = record.GetProperty("alert").GetProperty("severity").GetDouble();

        Assert.Contains(alertId, OpenIds(await LiveApi.GetAsync(server.Http, "/api/alerts")));
        Assert.Contains(alertId, OpenIds(await LiveApi.GetAsync(server.Http, $"/api/alerts?region={region}&attribute={attribute}&minSeverity=low")));
        var otherRegion = region == "north" ? "south" : "north";
        Assert.DoesNotContain(alertId, OpenIds(await LiveApi.GetAsync(server.Http, $"/api/alerts?region={otherRegion}")));
        Assert.DoesNotContain(alertId, OpenIds(await LiveApi.GetAsync(server.Http, $"/api/alerts?attribute={(attribute == "delivery" ? "cleanliness" : "delivery")}")));
        if (severity < 1)
        {
            var above = (severity + 0.001).ToString("0.000", CultureInfo.InvariantCulture);
            Assert.DoesNotContain(alertId, OpenIds(await LiveApi.GetAsync(server.Http, $"/api/alerts?minSeverity={above}")));
        }
        Assert.Contains(alertId, OpenIds(await LiveApi.GetAsync(server.Http, $"/api/alerts?minSeverity={severity.ToString(CultureInfo.InvariantCulture)}")));
        Assert.Contains(alertId, OpenIds(await LiveApi.GetAsync(server.Http, "/api/alerts?region=&site=")));

        var detail = await LiveApi.GetAsync(server.Http, $"/api/alerts/{alertId}");
        Assert.True(detail.GetProperty("open").GetBoolean());
        Assert.Equal(site, detail.GetProperty("alert").GetProperty("siteId").GetString());
        Assert.Contains(detail.GetProperty("alert").GetProperty("factors").EnumerateArray(), f => f.GetProperty("kind").GetString() == "peer");
        var first = detail.GetProperty("history")[0];
        Assert.Equal("emission", first.GetProperty("kind").GetString());
        Assert.Equal("open", first.GetProperty("status").GetString());
        Assert.Equal(1, first.GetProperty("sequence").GetInt32());
    }

    public static TheoryData<string> BadFilters() => new()
    {
        "region=nowhere", "site=store-nowhere", "attribute=smell", "minSeverity=abc", "minSeverity=-0.1", "minSeverity=1.01", "minSeverity=NaN",
        "minSeverity=Infinity", "minSeverity=1e-1", "minSeverity=%2B0.5", "minSeverity=0x1", "region=north&region=south", "region=north&site=store-marseille-la-joliette",
        "regoin=north", "region=" + new string('n', 5000), "site=%00%0A%3Cscript%3E", "attribute=%E2%80%AE", "minSeverity=0,5",
        "kind=melon", "kind=Watermelon", "kind=%00%0A%3Cscript%3E", "kind=peer&kind=trend",
    };

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task Bad_filters_are_refused_with_400_naming_the_parameter(string query)
    {
        using var response = await server.Http.GetAsync(new Uri("/api/alerts?" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        var parameter = query.Split('=')[0];
        Assert.Contains(parameter, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', error);
        Assert.True(error.Length < 600, "the error echoes at most a short, printable part of the value");
    }

    [Fact]
    public async Task Acknowledging_records_who_when_and_the_note_in_the_list_the_detail_and_the_stream()
    {
        var (_, _, region, record) = await NewAlertAsync();
        var alertId = LiveApi.AlertId(record);
        await using var stream = await SseClient.ConnectAsync(server, $"region={region}");
        await stream.NextAsync(TimeSpan.FromSeconds(10), "ready");

        var before = DateTimeOffset.UtcNow;
        using var response = await PostAsync($"/api/alerts/{alertId}/ack", """{"by":"  Léa Martin  ","note":"Store manager called.\nQueue opened."}""");
        var after = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acknowledgement");
        Assert.Equal("Léa Martin", ack.GetProperty("by").GetString());
        Assert.Equal("Store manager called.\nQueue opened.", ack.GetProperty("note").GetString());
        var at = ack.GetProperty("at").GetDateTimeOffset();
        Assert.InRange(at, before.AddSeconds(-1), after.AddSeconds(1));

        var listed = (await LiveApi.GetAsync(server.Http, $"/api/alerts?region={region}")).GetProperty("alerts").EnumerateArray().Single(r => LiveApi.AlertId(r) == alertId);
        Assert.Equal("Léa Martin", listed.GetProperty("acknowledgement").GetProperty("by").GetString());
        var history = (await LiveApi.GetAsync(server.Http, $"/api/alerts/{alertId}")).GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal("acknowledged", history[^1].GetProperty("kind").GetString());
        Assert.Equal("Léa Martin", history[^1].GetProperty("by").GetString());

        var streamed = await stream.NextAsync(TimeSpan.FromSeconds(5), "acknowledged");
        using var data = JsonDocument.Parse(streamed.Data);
        Assert.Equal(alertId, data.RootElement.GetProperty("alert").GetProperty("alertId").GetString());
        Assert.Equal("Léa Martin", data.RootElement.GetProperty("acknowledgement").GetProperty("by").GetString());
    }

    [Fact]
    public async Task Bad_acknowledge_bodies_are_refused_and_change_nothing()
    {
        var (_, _, _, record) = await NewAlertAsync();
        var path = $"/api/alerts/{LiveApi.AlertId(record)}/ack";
        var cases = new (string Body, string MediaType, HttpStatusCode Expected)[]
        {
            ("", "application/json", HttpStatusCode.BadRequest),
            ("not json", "application/json", HttpStatusCode.BadRequest),
            ("[]", "application/json", HttpStatusCode.BadRequest),
            ("null", "application/json", HttpStatusCode.BadRequest),
            ("\"Léa\"", "application/json", HttpStatusCode.BadRequest),
            ("{}", "application/json", HttpStatusCode.BadRequest),
            ("""{"by":""}""", "application/json", HttpStatusCode.BadRequest),
            ("""{"by":"   "}""", "application/json", HttpStatusCode.BadRequest),
            ("""{"by":5}""", "application/json", HttpStatusCode.BadRequest),
            ("""{"by":["a"]}""", "application/json", HttpStatusCode.BadRequest),
            ("""{"by":"Léa","note":5}""", "application/json", HttpStatusCode.BadRequest),
            ("""{"by":"Léa","at":"2001-01-01T00:00:00Z"}""", "application/json", HttpStatusCode.BadRequest),
            ("""{"by":"a\u0000b"}""", "application/json", HttpStatusCode.BadRequest),
            ("""{"by":"a\nb"}""", "application/json", HttpStatusCode.BadRequest),
            ("""{"by":"\ud800"}""", "application/json", HttpStatusCode.BadRequest),
            ("""{"by":"Léa","note":"bell \u0007"}""", "application/json", HttpStatusCode.BadRequest),
            ($$"""{"by":"{{new string('x', 101)}}"}""", "application/json", HttpStatusCode.BadRequest),
            ($$"""{"by":"Léa","note":"{{new string('x', 2001)}}"}""", "application/json", HttpStatusCode.BadRequest),
            ("""{"by":"Léa","note":"x"}{"by":"Bob"}""", "application/json", HttpStatusCode.BadRequest),
            (new string('[', 500) + new string(']', 500), "application/json", HttpStatusCode.BadRequest),
            ($$"""{"by":"Léa","note":"{{new string('x', 9000)}}"}""", "application/json", HttpStatusCode.RequestEntityTooLarge),
            ("""{"by":"Léa"}""", "text/plain", HttpStatusCode.UnsupportedMediaType),
            ("by=Léa", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType),
        };
        foreach (var (body, mediaType, expected) in cases)
        {
            using var response = await PostAsync(path, body, mediaType);
            Assert.True(response.StatusCode == expected, $"{body[..Math.Min(60, body.Length)]} ({mediaType}) answered {(int)response.StatusCode}, expected {(int)expected}");
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("error", out _));
        }
        var detail = await LiveApi.GetAsync(server.Http, $"/api/alerts/{LiveApi.AlertId(record)}");
        Assert.False(detail.TryGetProperty("acknowledgement", out _));
        Assert.DoesNotContain(detail.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() != "emission");
    }

    public static TheoryData<string> UnknownIds() => new()
    {
        "alr-0000000000000000", "nope", "ALR-0000000000000000", new string('a', 4000), "..%2F..%2Fapi%2Fstatus", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "alr-%C3%A9", "%F0%9F%98%80", "%E2%80%AE", "a%0Ab",
    };

    [Theory]
    [MemberData(nameof(UnknownIds))]
    public async Task Unknown_or_hostile_alert_ids_are_404_everywhere(string alertId)
    {
        using var get = await server.Http.GetAsync(new Uri($"/api/alerts/{alertId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        foreach (var action in new[] { "ack", "resolve" })
        {
            using var post = await PostAsync($"/api/alerts/{alertId}/{action}", """{"by":"Léa"}""");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            var error = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
            Assert.DoesNotContain('\n', error);
        }
    }

    [Fact]
    public async Task A_NUL_in_an_alert_id_is_refused_by_the_server_before_any_lookup()
    {
        using var get = await server.Http.GetAsync(new Uri("/api/alerts/%00", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        using var post = await PostAsync("/api/alerts/a%00b/ack", """{"by":"Léa"}""");
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }

    [Fact]
    public async Task Resolving_by_hand_closes_the_alert_once_and_tells_the_stream()
    {
        var (site, attribute, region, record) = await NewAlertAsync();
        var alertId = LiveApi.AlertId(record);
        await using var stream = await SseClient.ConnectAsync(server, $"site={site}");
        await stream.NextAsync(TimeSpan.FromSeconds(10), "ready");

        using var resolved = await PostAsync($"/api/alerts/{alertId}/resolve", """{"by":"Noé","note":"fixed: extra staff"}""");
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var body = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("open").GetBoolean());
        Assert.Equal("Noé", body.GetProperty("resolvedByHand").GetProperty("by").GetString());

        Assert.DoesNotContain(alertId, OpenIds(await LiveApi.GetAsync(server.Http, $"/api/alerts?region={region}&attribute={attribute}")));
        var detail = await LiveApi.GetAsync(server.Http, $"/api/alerts/{alertId}");
        Assert.False(detail.GetProperty("open").GetBoolean());
        Assert.Equal("resolved-by-hand", detail.GetProperty("history").EnumerateArray().Last().GetProperty("kind").GetString());

        var streamed = await stream.NextAsync(TimeSpan.FromSeconds(5), "resolved-by-hand");
        Assert.Contains(alertId, streamed.Data, StringComparison.Ordinal);

        using var again = await PostAsync($"/api/alerts/{alertId}/resolve", """{"by":"Noé"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Region_and_site_scores_give_each_attribute_s_window_mean_dissatisfied_share_sparkline_and_status()
    {
        var (site, attribute, region, record) = await NewAlertAsync();
        var sites = await server.Scenarios.SitesOfAsync(region);
        var board = await LiveApi.GetAsync(server.Http, $"/api/regions/{region}/scores");
        Assert.Equal(sites, board.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("siteId").GetString()));
        JsonElement Cell(string siteId) => board.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("siteId").GetString() == siteId).GetProperty("attributes").GetProperty(attribute);

        // the scenario: the alerted site rated 2 (12 times) and 3 (36 times), its peers 5 (11 times) and 4 (21 times)
        var alerted = Cell(site);
        Assert.Equal(48, alerted.GetProperty("window").GetProperty("count").GetInt32());
        Assert.Equal(2.75, alerted.GetProperty("window").GetProperty("mean").GetDouble());
        Assert.Equal(25, alerted.GetProperty("window").GetProperty("dissatisfiedPct").GetDouble());
        Assert.Equal(record.GetProperty("alert").GetProperty("severityLevel").GetString(), alerted.GetProperty("status").GetString());
        Assert.Equal(LiveApi.AlertId(record), alerted.GetProperty("alert").GetProperty("alertId").GetString());
        var points = alerted.GetProperty("sparkline").GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(24, points.Length);
        Assert.Contains(points, p => p.ValueKind == JsonValueKind.Number);
        Assert.All(points.Where(p => p.ValueKind == JsonValueKind.Number), p => Assert.InRange(p.GetDouble(), 2, 3));

        var peer = Cell(sites[0]);
        Assert.Equal(4.34, peer.GetProperty("window").GetProperty("mean").GetDouble());
        Assert.Equal(0, peer.GetProperty("window").GetProperty("dissatisfiedPct").GetDouble());
        Assert.Equal("ok", peer.GetProperty("status").GetString());
        Assert.False(peer.TryGetProperty("alert", out _));

        var one = await LiveApi.GetAsync(server.Http, $"/api/sites/{site}/scores");
        Assert.Equal(alerted.GetRawText(), one.GetProperty("attributes").GetProperty(attribute).GetRawText());
    }

    [Theory]
    [InlineData("/api/regions/nowhere/scores")]
    [InlineData("/api/regions/%3Cb%3E/scores")]
    [InlineData("/api/sites/store-nowhere/scores")]
    public async Task Scores_of_an_unknown_region_or_site_are_404(string path)
    {
        using var response = await server.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
