using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace StreamCx.IntegrationTests.Live;

/// <summary>The SSE alert stream of the real engine: filters, resumption with Last-Event-ID, hostile ids, heartbeats, limits.</summary>
[Collection(LiveServerCollection.Name)]
public class AlertStreamTests(LiveServerFixture server)
{
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(30);

    private static long Id(System.Net.ServerSentEvents.SseItem<string> item) => long.Parse(item.EventId!, CultureInfo.InvariantCulture);

    private static string AlertIdOf(string data)
    {
        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        return (root.TryGetProperty("alert", out var alert) ? alert : root).GetProperty("alertId").GetString()!;
    }

    private async Task AckAsync(string alertId, string by)
    {
        using var response = await server.Http.PostAsync(new Uri($"/api/alerts/{alertId}/ack", UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(new { by }), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_subscriber_gets_new_alerts_its_filter_selects_and_none_of_the_others()
    {
        var (regionA, attributeA) = server.Scenarios.Take();
        var (regionB, attributeB) = server.Scenarios.Take((r, _) => r != regionA);
        await using var onA = await SseClient.ConnectAsync(server, $"region={regionA}");
        await using var onB = await SseClient.ConnectAsync(server, $"region={regionB}&minSeverity=low");
        await onA.NextAsync(TimeSpan.FromSeconds(10), "ready");
        await onB.NextAsync(TimeSpan.FromSeconds(10), "ready");

        var siteA = await server.Scenarios.ProducePeerScenarioAsync(regionA, attributeA);
        var alertA = await onA.NextAsync(AlertTimeout, e => e.EventType == "alert" && e.Data.Contains(siteA, StringComparison.Ordinal));
        using (var data = JsonDocument.Parse(alertA.Data))
        {
            Assert.Equal("open", data.RootElement.GetProperty("status").GetString());
            Assert.Equal(attributeA, data.RootElement.GetProperty("attributeId").GetString());
        }

        var siteB = await server.Scenarios.ProducePeerScenarioAsync(regionB, attributeB);
        var alertB = await onB.NextAsync(AlertTimeout, e => e.EventType == "alert" && e.Data.Contains(siteB, StringComparison.Ordinal));
        Assert.True(Id(alertB) > Id(alertA));
        await AckAsync(AlertIdOf(alertA.Data), "sentinel"); // an event for A after B's alert: B must not get it
        await onA.NextAsync(TimeSpan.FromSeconds(5), "acknowledged");
        await AckAsync(AlertIdOf(alertB.Data), "sentinel");
        await onB.NextAsync(TimeSpan.FromSeconds(5), "acknowledged");

        Assert.DoesNotContain(onB.Received, e => e.Data.Contains($"\"regionId\":\"{regionA}\"", StringComparison.Ordinal));
        Assert.DoesNotContain(onA.Received, e => e.Data.Contains($"\"regionId\":\"{regionB}\"", StringComparison.Ordinal));
        var ids = onA.Received.Where(e => e.EventId is not null && e.EventType != "ready").Select(Id).ToArray();
        Assert.Equal(ids.Order(), ids); // ids increase
    }

    [Fact]
    public async Task A_client_that_reconnects_with_Last_Event_ID_receives_what_it_missed_and_nothing_before()
    {
        var (region, attribute) = server.Scenarios.Take();
        long position;
        await using (var first = await SseClient.ConnectAsync(server, $"region={region}"))
        {
            var ready = await first.NextAsync(TimeSpan.FromSeconds(10), "ready");
            position = Id(ready);
        } // disconnected

        var site = await server.Scenarios.ProducePeerScenarioAsync(region, attribute);
        var alertId = LiveApi.AlertId(await LiveApi.WaitForOpenAlertAsync(server.Http, site, attribute, AlertTimeout));
        await AckAsync(alertId, "while you were away");

        foreach (var viaQuery in new[] { false, true })
        {
            await using var again = viaQuery
                ? await SseClient.ConnectAsync(server, $"region={region}&lastEventId={position}")
                : await SseClient.ConnectAsync(server, $"region={region}", lastEventId: position.ToString(CultureInfo.InvariantCulture));
            var replayedAlert = await again.NextAsync(TimeSpan.FromSeconds(5), "alert", "acknowledged", "ready", "reset");
            Assert.Equal("alert", replayedAlert.EventType);
            Assert.Equal(alertId, AlertIdOf(replayedAlert.Data));
            var replayedAck = await again.NextAsync(TimeSpan.FromSeconds(5), "alert", "acknowledged", "ready", "reset");
            Assert.Equal("acknowledged", replayedAck.EventType);
            Assert.Contains("while you were away", replayedAck.Data, StringComparison.Ordinal);
            var ready = await again.NextAsync(TimeSpan.FromSeconds(5), "alert", "acknowledged", "ready", "reset");
            Assert.Equal("ready", ready.EventType);
            Assert.True(Id(replayedAlert) > position && Id(replayedAck) > Id(replayedAlert) && Id(ready) >= Id(replayedAck));
            Assert.Equal(2, JsonDocument.Parse(ready.Data).RootElement.GetProperty("replayed").GetInt32());
        }

        // resuming from the last id seen replays nothing
        await using var upToDate = await SseClient.ConnectAsync(server, $"region={region}", lastEventId: (await CurrentPositionAsync()).ToString(CultureInfo.InvariantCulture));
        var nothingMissed = await upToDate.NextAsync(TimeSpan.FromSeconds(5), "alert", "acknowledged", "ready", "reset");
        Assert.Equal("ready", nothingMissed.EventType);
        Assert.Equal(0, JsonDocument.Parse(nothingMissed.Data).RootElement.GetProperty("replayed").GetInt32());
    }

    private async Task<long> CurrentPositionAsync() =>
        (await server.Http.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("stream").GetProperty("position").GetInt64();

    public static TheoryData<string> MalformedIds() => new()
    {
        "abc", "-1", "1.5", "1e5", "12 34", "+12", "0x10", "12abc", "99999999999999999999", "9223372036854775808", "１２", new string('9', 5000), "\t",
    };

    [Theory]
    [MemberData(nameof(MalformedIds))]
    public async Task Malformed_Last_Event_IDs_are_refused_with_400(string lastEventId)
    {
        var asHeader = lastEventId.All(char.IsAscii) ? await SseClient.RequestAsync(server.BaseAddress, server.Token, lastEventId: lastEventId) : null;
        var asQuery = await SseClient.RequestAsync(server.BaseAddress, server.Token, "lastEventId=" + Uri.EscapeDataString(lastEventId));
        foreach (var response in new[] { asHeader, asQuery }.OfType<HttpResponseMessage>())
        {
            using (response)
            {
                if (lastEventId == "\t")
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode); // blank: no id, a fresh start
                    continue;
                }
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains("Last-Event-ID", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Two_Last_Event_IDs_are_refused_with_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "/api/alerts/stream"));
        request.Headers.Authorization = new("Bearer", server.Token);
        request.Headers.TryAddWithoutValidation("Last-Event-ID", ["1", "2"]);
        using var response = await server.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_Last_Event_ID_ahead_of_the_stream_gets_a_reset_and_no_replay()
    {
        await using var client = await SseClient.ConnectAsync(server, lastEventId: "9223372036854775807");
        var reset = await client.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("reset", reset.EventType);
        Assert.Contains("not an id of this stream", reset.Data, StringComparison.Ordinal);
        var ready = await client.NextAsync(TimeSpan.FromSeconds(5), "ready");
        Assert.Equal(0, JsonDocument.Parse(ready.Data).RootElement.GetProperty("replayed").GetInt32());
    }

    [Theory]
    [InlineData("region=nowhere", "region")]
    [InlineData("minSeverity=2", "minSeverity")]
    [InlineData("site=store-lille-centre&site=store-lille-centre", "site")]
    [InlineData("lastEventId=1&lastEventId=2", "Last-Event-ID")]
    [InlineData("lastEventId=x", "Last-Event-ID")]
    [InlineData("access_tokn=x", "access_tokn")]
    public async Task Bad_stream_parameters_are_refused_with_400(string query, string named)
    {
        using var response = await SseClient.RequestAsync(server.BaseAddress, server.Token, query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_stream_gets_heartbeats()
    {
        var quietSite = (await server.Scenarios.SitesOfAsync("west"))[^1]; // scenarios use the first six sites of a region
        await using var client = await SseClient.ConnectAsync(server, $"site={quietSite}");
        await client.NextAsync(TimeSpan.FromSeconds(5), "ready");
        await client.NextAsync(TimeSpan.FromSeconds(10), "ping");
        await client.NextAsync(TimeSpan.FromSeconds(10), "ping");
    }

    [Fact]
    public async Task Clients_beyond_the_maximum_are_refused_with_503_until_one_leaves()
    {
        // An engine of its own: on the shared one, how many clients are connected depends on what other classes left behind.
        const int max = 3;
        await using var own = StreamcxProcess.Start("Simulator:Enabled=false", $"Web:Token={server.Token}", $"Web:MaxSubscribers={max}");
        await own.WaitForAsync("/health/live", TimeSpan.FromSeconds(60));
        var clients = new List<SseClient>();
        try
        {
            for (var i = 0; i < max; i++)
            {
                clients.Add(await SseClient.ConnectAsync(own.BaseAddress, server.Token));
                await clients[^1].NextAsync(TimeSpan.FromSeconds(30), "ready");
            }
            using (var refused = await SseClient.RequestAsync(own.BaseAddress, server.Token))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.NotNull(refused.Headers.RetryAfter);
            }
            await clients[^1].DisposeAsync();
            clients.RemoveAt(clients.Count - 1);
            // the engine notices the closed connection on its own time: poll, with a ceiling against a hang
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                using var retry = await SseClient.RequestAsync(own.BaseAddress, server.Token);
                if (retry.StatusCode == HttpStatusCode.OK) break;
                Assert.Equal(HttpStatusCode.ServiceUnavailable, retry.StatusCode);
                Assert.True(DateTime.UtcNow < deadline, "a freed place was not given back within 30 s");
                await Task.Delay(100);
            }
        }
        finally
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
    }
}
