using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace StreamCx.IntegrationTests.Live;

/// <summary>
/// Stream clients that never read (a raw socket with a tiny receive buffer) against the real engine: others keep
/// getting every event promptly, the engine keeps raising alerts, and the stalled clients are told they lost events.
/// </summary>
[Collection(LiveServerCollection.Name)]
public class SlowSubscriberTests(LiveServerFixture server, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    private async Task<Socket> StalledSubscriberAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 1024 };
        await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var request = $"GET /api/alerts/stream HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nAuthorization: Bearer {server.Token}\r\nAccept: text/event-stream\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        return socket; // never read (until the end of the test)
    }

    private async Task<long> DroppedAsync() =>
        (await server.Http.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("stream").GetProperty("dropped").GetInt64();

    [Fact]
    public async Task Subscribers_that_never_read_delay_neither_the_others_nor_the_engine_and_are_told_they_lost_events()
    {
        var (region, attribute) = server.Scenarios.Take();
        var site = await server.Scenarios.ProducePeerScenarioAsync(region, attribute);
        var alertId = LiveApi.AlertId(await LiveApi.WaitForOpenAlertAsync(server.Http, site, attribute, TimeSpan.FromSeconds(30)));

        var stalled = new List<Socket>();
        for (var i = 0; i < 3; i++) stalled.Add(await StalledSubscriberAsync());
        await using var reader = await SseClient.ConnectAsync(server, $"site={site}");
        await reader.NextAsync(TimeSpan.FromSeconds(10), "ready");
        var droppedBefore = await DroppedAsync();

        // flood: acknowledgements with a long note (about 2.6 kB per event) until the stalled clients have lost events
        var note = new string('n', 2000);
        var worst = TimeSpan.Zero;
        var acks = 0;
        using var content = new StringContent("", Encoding.UTF8, "application/json");
        while (await DroppedAsync() - droppedBefore < 3 * 10)
        {
            Assert.True(acks < 20_000, "the stalled clients never overflowed");
            for (var i = 0; i < 20; i++, acks++)
            {
                var by = $"flood-{acks}";
                var posted = Stopwatch.StartNew();
                using var response = await server.Http.PostAsync(new Uri($"/api/alerts/{alertId}/ack", UriKind.Relative),
                    new StringContent(JsonSerializer.Serialize(new { by, note }), Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
                await reader.NextAsync(Bound, e => e.EventType == "acknowledged" && e.Data.Contains($"\"by\":\"{by}\"", StringComparison.Ordinal));
                if (posted.Elapsed > worst) worst = posted.Elapsed;
            }
        }
        output.WriteLine($"{acks} acknowledgements until the 3 stalled clients overflowed; slowest ack → reading client: {worst.TotalMilliseconds:0} ms");
        Assert.DoesNotContain(reader.Received, e => e.EventType == "overflow");
        Assert.True(worst < Bound);

        // the engine is not held up either: a new irritant still reaches the reading client promptly
        var (region2, attribute2) = server.Scenarios.Take();
        await using var watcher = await SseClient.ConnectAsync(server, $"region={region2}&attribute={attribute2}");
        await watcher.NextAsync(TimeSpan.FromSeconds(10), "ready");
        var site2 = await server.Scenarios.ProducePeerScenarioAsync(region2, attribute2);
        var alert = await watcher.NextAsync(TimeSpan.FromSeconds(30), e => e.EventType == "alert" && e.Data.Contains(site2, StringComparison.Ordinal));
        var received = DateTimeOffset.UtcNow;
        var emitted = JsonDocument.Parse(alert.Data).RootElement.GetProperty("emittedAt").GetDateTimeOffset();
        output.WriteLine($"with 3 stalled clients: alert emitted → reading client {(received - emitted).TotalMilliseconds:0} ms");
        Assert.True(received - emitted < Bound);

        // once a stalled client reads again, it is told that events were dropped
        foreach (var socket in stalled)
        {
            using (socket)
            {
                var text = await ReadUntilAsync(socket, "event: overflow", TimeSpan.FromSeconds(20));
                Assert.Contains("event: overflow", text, StringComparison.Ordinal);
                Assert.Contains("\"dropped\":", text, StringComparison.Ordinal);
            }
        }
    }

    private static async Task<string> ReadUntilAsync(Socket socket, string marker, TimeSpan timeout)
    {
        var text = new StringBuilder();
        var buffer = new byte[64 * 1024];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (!text.ToString().Contains(marker, StringComparison.Ordinal))
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (read == 0) break;
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException)
        {
        }
        return text.ToString();
    }
}
