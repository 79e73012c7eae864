using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamCx.Kafka;
using StreamCx.Perf.Kafka;

namespace StreamCx.Perf.AlertLatency;

/// <summary>
/// The same measurement through the real engine process (<c>streamcx run</c>) on the real broker (Kafka 0.9 through
/// tests/kafka/broker.sh): from producing the tipping event to reading its open alert back from the alerts topic, so it
/// includes the intake, the hop through the region topic, the regions, the alert policy and the alerts producer. The
/// topic's other partitions are quiet (read to their end) meanwhile.
/// </summary>
internal static class EngineLatency
{
    private const string Token = "alert-latency-token-0123456789";

    public static async Task<string> RunAsync(int regions, int minPeerSample)
    {
        using var broker = RealBroker.Start();
        var target = Target.Real(broker, 10_000);
        var work = Directory.CreateTempSubdirectory("streamcx-latency-");
        var sites = Path.Combine(work.FullName, "sites.json");
        var attributes = Path.Combine(work.FullName, "attributes.json");
        await File.WriteAllTextAsync(sites, JsonSerializer.Serialize(
            Enumerable.Range(0, regions).SelectMany(r => Enumerable.Range(0, 6).Select(s => new { siteId = $"r{r}-s{s}", name = $"Site {r}-{s}", regionId = $"r{r}" }))));
        await File.WriteAllTextAsync(attributes, """[{ "attributeId": "waiting-time", "label": "Waiting time", "min": 1, "max": 5, "dissatisfiedAtOrBelow": 2 }]""");
        var settings = target.For(["latency.feedback"], "latency");
        target.EnsureTopic(settings.Topics[0]);
        target.EnsureTopic(settings.AlertsTopic); // a subscription to a topic that does not exist yet waits for the next metadata refresh

        var clock = Stopwatch.StartNew();
        var opened = new ConcurrentDictionary<string, (DateTimeOffset RaisedAt, double At)>();
        using var stop = new CancellationTokenSource();
        var assigned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(() => ReadAlerts(settings, opened, clock, assigned, stop.Token));
        await assigned.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var port = FreePort();
        var output = new ConcurrentQueue<string>();
        using var engine = StartEngine(broker.BootstrapServers, settings, sites, attributes, port, work.FullName, output);
        try
        {
            return await MeasureAsync(regions, minPeerSample, settings, engine, port, opened, clock);
        }
        catch
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, output.TakeLast(40)));
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            await reader;
            if (!engine.HasExited) engine.Kill(entireProcessTree: true);
            await engine.WaitForExitAsync();
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> MeasureAsync(
        int regions, int minPeerSample, KafkaSettings settings, Process engine, int port, ConcurrentDictionary<string, (DateTimeOffset RaisedAt, double At)> opened, Stopwatch clock)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientConfigFactory.CreateProducerConfig(settings)).SetLogHandler((_, _) => { }).Build();
        var now = DateTimeOffset.UtcNow;
        var sequence = 0;
        byte[] Event(string site, DateTimeOffset at, int rating) => Encoding.UTF8.GetBytes(
            $$$"""{"eventId":"e{{{++sequence}}}","occurredAt":"{{{at:O}}}","siteId":"{{{site}}}","channel":"store","ratings":{"waiting-time":{{{rating}}}}}""");

        long produced = 0;
        for (var r = 0; r < regions; r++)
        {
            for (var s = 1; s < 6; s++)
                for (var i = 0; i < 40; i++, produced++)
                    producer.Produce(settings.Topics[0], new Message<string, byte[]> { Key = $"r{r}-s{s}", Value = Event($"r{r}-s{s}", now.AddHours(-6).AddMinutes(i * 8), 4 + (i % 2)) });
            for (var i = 0; i < minPeerSample - 1; i++, produced++)
                producer.Produce(settings.Topics[0], new Message<string, byte[]> { Key = $"r{r}-s0", Value = Event($"r{r}-s0", now.AddHours(-6).AddMinutes(i * 8), 3) });
        }
        producer.Flush(TimeSpan.FromSeconds(60));
        await WaitForAsync(http, s => s.GetProperty("applied").GetInt64() >= produced && s.GetProperty("eventTime").GetProperty("held").GetInt64() == 0, engine);
        await Task.Delay(TimeSpan.FromSeconds(3)); // quiet: every partition read to its end, caught up
        if (!opened.IsEmpty) throw new InvalidOperationException("an alert opened before the tipping events");

        var latencies = new List<double>();
        for (var r = 0; r < regions; r++)
        {
            var site = $"r{r}-s0";
            var at = now.AddMinutes(-1);
            var sentAt = clock.Elapsed.TotalMilliseconds;
            await producer.ProduceAsync(settings.Topics[0], new Message<string, byte[]> { Key = site, Value = Event(site, at, 3) });
            var deadline = clock.Elapsed + TimeSpan.FromSeconds(30);
            while (!opened.ContainsKey(site) && clock.Elapsed < deadline) await Task.Delay(1);
            if (!opened.TryGetValue(site, out var alert)) throw new InvalidOperationException($"no alert for {site}");
            if (alert.RaisedAt != at) throw new InvalidOperationException($"{site}: the alert was not tipped by the measured event");
            latencies.Add(alert.At - sentAt);
        }
        return Summary(latencies);
    }

    private static string Summary(List<double> latencies)
    {
        var first = latencies[0]; // the first tipping event overtakes the quiet partitions: they hold it for Engine:CaughtUpWait
        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"engine process, real broker: produce → open alert read from the alerts topic (ms), {latencies.Count} samples: p50 {P(0.5):0.0}, p95 {P(0.95):0.0}, p99 {P(0.99):0.0}, max {latencies[^1]:0.0}, mean {latencies.Average():0.0}; the first sample {first:0.0}");
    }

    private static Process StartEngine(string bootstrap, KafkaSettings settings, string sites, string attributes, int port, string work, ConcurrentQueue<string> output)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(Repo.Root, "src", "StreamCx.Host", "bin", "Release", "net10.0", "streamcx.dll"));
        info.ArgumentList.Add("run");
        var values = new List<string>
        {
            $"Kafka:BootstrapServers={bootstrap}", $"Kafka:Topics:0={settings.Topics[0]}", $"Kafka:GroupId={settings.GroupId}",
            $"Kafka:AlertsTopic={settings.AlertsTopic}", $"Kafka:DeadLetterTopic={settings.DeadLetterTopic}",
            "Simulator:Enabled=false", $"Web:Token={Token}", $"Urls=http://127.0.0.1:{port}", "Logging:LogLevel:Default=Warning",
            $"ReferenceData:SitesFile={sites}", $"ReferenceData:AttributesFile={attributes}",
            $"Snapshots:ConnectionString={Path.Combine(work, "state.db")}",
        };
        values.AddRange(settings.Properties.Select(p => $"Kafka:Properties:{p.Key}={p.Value}"));
        foreach (var value in values)
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add(value);
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForAsync(HttpClient http, Func<JsonElement, bool> done, Process engine)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (engine.HasExited) throw new InvalidOperationException($"the engine exited with {engine.ExitCode}");
            try
            {
                using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/status", UriKind.Relative)));
                if (done(status.RootElement)) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the engine did not apply the evidence within 3 minutes");
    }

    private static void ReadAlerts(
        KafkaSettings settings, ConcurrentDictionary<string, (DateTimeOffset, double)> opened, Stopwatch clock, TaskCompletionSource assigned, CancellationToken ct)
    {
        var config = KafkaClientConfigFactory.CreateConsumerConfig(settings);
        config.GroupId = "latency-reader";
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnableAutoCommit = false;
        config.FetchWaitMaxMs = 10;
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).SetLogHandler((_, _) => { })
            .SetPartitionsAssignedHandler((_, partitions) => { if (partitions.Count > 0) assigned.TrySetResult(); }).Build();
        consumer.Subscribe(settings.AlertsTopic);
        while (!ct.IsCancellationRequested)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record?.Message?.Value is not { } value) continue;
            var at = clock.Elapsed.TotalMilliseconds;
            using var alert = JsonDocument.Parse(value);
            var root = alert.RootElement;
            if (root.GetProperty("status").GetString() != "open") continue;
            opened.TryAdd(root.GetProperty("siteId").GetString()!, (root.GetProperty("raisedAt").GetDateTimeOffset(), at));
        }
        consumer.Close();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
