using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace StreamCx.IntegrationTests.Live;

/// <summary>
/// Stream clients that never read (a raw socket with a tiny receive buffer) against the real engine: others keep
/// getting every event, the engine keeps raising alerts, and the stalled clients are told they lost events. How fast
/// events reach a reading client is measured by perf/StreamCx.Perf.LiveStream, not here.
/// </summary>
[Collection(LiveServerCollection.Name)]
public partial class SlowSubscriberTests(LiveServerFixture server, ITestOutputHelper output)
{
    /// <summary>A ceiling against a hang, not a bound on latency.</summary>
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

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
    public async Task Subscribers_that_never_read_hold_back_neither_the_others_nor_the_engine_and_are_told_they_lost_events()
    {
        var (region, attribute) = server.Scenarios.Take();
        var site = await server.Scenarios.ProducePeerScenarioAsync(region, attribute);
        var alertId = LiveApi.AlertId(await LiveApi.WaitForOpenAlertAsync(server.Http, site, attribute, EventTimeout));

        var stalled = new List<Socket>();
        for (var i = 0; i < 3; i++) stalled.Add(await StalledSubscriberAsync());
        await using var reader = await SseClient.ConnectAsync(server, $"site={site}");
        await reader.NextAsync(EventTimeout, "ready");
        var droppedBefore = await DroppedAsync();

        // flood: acknowledgements with a long note (about 2.6 kB per event) until the stalled clients have lost events;
        // the reading client must get every one of them, in order, meanwhile
        var note = new string('n', 2000);
        var slowest = TimeSpan.Zero;
        var acks = 0;
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
                await reader.NextAsync(EventTimeout, e => e.EventType == "acknowledged" && e.Data.Contains($"\"by\":\"{by}\"", StringComparison.Ordinal));
                if (posted.Elapsed > slowest) slowest = posted.Elapsed;
            }
        }
        output.WriteLine($"{acks} acknowledgements until the 3 stalled clients overflowed; slowest ack → reading client: {slowest.TotalMilliseconds:0} ms (for information; not a bound)");
        Assert.DoesNotContain(reader.Received, e => e.EventType == "overflow");
        List<string> floods;
        lock (reader.Received)
        {
            floods = reader.Received.Where(e => e.EventType == "acknowledged").Select(e => FloodBy().Match(e.Data)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        }
        Assert.Equal(Enumerable.Range(0, acks).Select(i => $"flood-{i}"), floods);

        // the engine is not held up either: a new irritant still raises an alert that reaches the reading client
        var (region2, attribute2) = server.Scenarios.Take();
        await using var watcher = await SseClient.ConnectAsync(server, $"region={region2}&attribute={attribute2}");
        await watcher.NextAsync(EventTimeout, "ready");
        var site2 = await server.Scenarios.ProducePeerScenarioAsync(region2, attribute2);
        await watcher.NextAsync(EventTimeout, e => e.EventType == "alert" && e.Data.Contains(site2, StringComparison.Ordinal));
        Assert.DoesNotContain(watcher.Received, e => e.EventType == "overflow");

        // once a stalled client reads again, it is told that events were dropped
        foreach (var socket in stalled)
        {
            using (socket)
            {
                var text = await ReadEventAsync(socket, "event: overflow", TimeSpan.FromSeconds(20));
                Assert.Contains("event: overflow", text, StringComparison.Ordinal);
                Assert.Contains("\"dropped\":", text, StringComparison.Ordinal);
            }
        }
    }

    private static bool EventComplete(string text, string marker)
    {
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        return start >= 0 && text.IndexOf("\n\n", start, StringComparison.Ordinal) >= 0;
    }

    [GeneratedRegex("\"by\":\"(flood-\\d+)\"")]
    private static partial Regex FloodBy();

    /// <summary>Reads until the whole event that starts with <paramref name="marker"/> has arrived (up to its blank line):
    /// the marker and the event's data may come in different reads.</summary>
    private static async Task<string> ReadEventAsync(Socket socket, string marker, TimeSpan timeout)
    {
        var text = new StringBuilder();
        var buffer = new byte[64 * 1024];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (!EventComplete(text.ToString(), marker))
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
