using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using StreamCx.Perf.LiveStream;

// Fan-out latency of the live alert stream to N concurrent SSE clients, and the engine's memory per connected client.
//   dotnet run -c Release --project perf/StreamCx.Perf.LiveStream -- [--clients 200] [--alerts 20] [--acks 200] [--memory-clients 1000] [--out FILE]
var options = Options.Parse(args);
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

await using var engine = await EngineProcess.StartAsync($"Web:MaxSubscribers={Math.Max(options.Clients, options.MemoryClients) + 10}");
using var scenarios = new PeerScenarios(engine.Http);
await scenarios.InitializeAsync();
await engine.WaitForAsync("/health/ready");

// memory: the engine idle, then with N idle clients connected
await Task.Delay(TimeSpan.FromSeconds(3));
var rssIdle = engine.ResidentKilobytes();
long rssWithMemoryClients;
await using (var memoryClients = new SseClients())
{
    await memoryClients.ConnectAsync(engine.BaseAddress, engine.Token, options.MemoryClients);
    await Task.Delay(TimeSpan.FromSeconds(3));
    rssWithMemoryClients = engine.ResidentKilobytes();
}
await Task.Delay(TimeSpan.FromSeconds(2));

// latency: N clients, real alerts from Kafka, then acknowledgements
await using var clients = new SseClients();
var connect = Stopwatch.StartNew();
await clients.ConnectAsync(engine.BaseAddress, engine.Token, options.Clients);
var connected = connect.Elapsed;

var alertIds = new List<string>();
for (var i = 0; i < Math.Min(options.Alerts, scenarios.Capacity); i++)
{
    var site = scenarios.ProduceNext();
    alertIds.Add(await WaitForAlertAsync(engine.Http, site));
    await Task.Delay(200);
}
var note = JsonSerializer.Serialize(new { by = "perf", note = "acknowledged by the load harness" });
for (var i = 0; i < options.Acks; i++)
{
    using var response = await engine.Http.PostAsync(new Uri($"/api/alerts/{alertIds[i % alertIds.Count]}/ack", UriKind.Relative), new StringContent(note, Encoding.UTF8, "application/json"));
    response.EnsureSuccessStatusCode();
    await Task.Delay(options.AckIntervalMs);
}
await Task.Delay(TimeSpan.FromSeconds(2));
var status = await engine.Http.GetFromJsonAsync<JsonElement>("/api/status");

var deliveries = clients.Deliveries.ToArray();
var events = deliveries.GroupBy(d => d.EventId).ToArray();
var expected = (long)events.Length * options.Clients;

Say($"### Live stream fan-out — {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
Say("");
Say($"- machine: {Machine.Describe()}");
Say($"- .NET {Environment.Version}, {RuntimeInformation.OSDescription}; commit {Machine.Commit()}");
Say($"- command: `dotnet run -c Release --project perf/StreamCx.Perf.LiveStream -- {string.Join(' ', args)}`");
Say($"- engine: `streamcx` on embedded defaults (in-process mock Kafka), simulator off; {options.Clients} SSE clients in the harness process on the same machine");
Say("");
Say("| measure | value |");
Say("|---|---|");
Say($"| clients connected (all `ready`) | {options.Clients} in {connected.TotalMilliseconds:0} ms |");
Say($"| events fanned out | {alertIds.Count} alerts (from Kafka) + {options.Acks} acknowledgements = {events.Length} events |");
Say($"| deliveries | {deliveries.Length} of {expected} expected; dropped by the server: {status.GetProperty("stream").GetProperty("dropped").GetInt64()} |");
foreach (var (name, selected) in new[] { ("alerts", deliveries.Where(d => d.Type == "alert")), ("acknowledgements", deliveries.Where(d => d.Type == "acknowledged")), ("all", deliveries) })
{
    var ms = selected.Select(d => d.LatencyMs).Order().ToArray();
    if (ms.Length == 0) continue;
    Say($"| fan-out latency, {name} (per client and event) | p50 {P(ms, 50):0.0} ms, p90 {P(ms, 90):0.0} ms, p99 {P(ms, 99):0.0} ms, max {ms[^1]:0.0} ms |");
}
var lastClient = events.Select(g => g.Max(d => d.LatencyMs)).Order().ToArray();
Say($"| time until the last of {options.Clients} clients has an event | p50 {P(lastClient, 50):0.0} ms, p99 {P(lastClient, 99):0.0} ms, max {lastClient[^1]:0.0} ms |");
Say($"| engine RSS idle (no client) | {rssIdle / 1024.0:0.0} MiB |");
Say($"| engine RSS with {options.MemoryClients} idle clients connected | {rssWithMemoryClients / 1024.0:0.0} MiB → {(rssWithMemoryClients - rssIdle) / (double)options.MemoryClients:0.0} KiB per client |");
if (options.Out is { } file) await File.AppendAllTextAsync(file, report.AppendLine().ToString());
return deliveries.Length == expected ? 0 : 1;

static async Task<string> WaitForAlertAsync(HttpClient http, string site)
{
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromSeconds(60))
    {
        var list = await http.GetFromJsonAsync<JsonElement>($"/api/alerts?site={site}");
        foreach (var r in list.GetProperty("alerts").EnumerateArray()) return r.GetProperty("alert").GetProperty("alertId").GetString()!;
        await Task.Delay(50);
    }
    throw new TimeoutException("no alert for " + site);
}

static double P(double[] sorted, double percentile) => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
