using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace StreamCx.Perf.AlertLatency;

/// <summary>
/// The measured scenario, the same in process and through the engine process: regions of six sites, five peers rated
/// 4-5 (40 responses each), one site rated 3 one response short of the minimum peer sample; then, region by region,
/// that site's tipping response produced alone, and the time until its open alert is seen.
/// </summary>
internal sealed class PeerScenario(int regions, int minPeerSample, string topic)
{
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private int _sequence;

    public ConcurrentDictionary<string, (DateTimeOffset RaisedAt, double At)> Opened { get; } = new(StringComparer.Ordinal);

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>Produces the evidence (not flushed); returns how many events.</summary>
    public long ProduceEvidence(IProducer<string, byte[]> producer)
    {
        long produced = 0;
        for (var r = 0; r < regions; r++)
        {
            for (var s = 1; s < 6; s++)
                for (var i = 0; i < 40; i++, produced++)
                    producer.Produce(topic, Message($"r{r}-s{s}", _now.AddHours(-6).AddMinutes(i * 8), 4 + (i % 2)));
            for (var i = 0; i < minPeerSample - 1; i++, produced++)
                producer.Produce(topic, Message($"r{r}-s0", _now.AddHours(-6).AddMinutes(i * 8), 3));
        }
        return produced;
    }

    /// <summary>Per region, the tipping event produced alone; waits for its alert before the next. Latencies in ms, in order.</summary>
    public async Task<List<double>> MeasureAsync(IProducer<string, byte[]> producer, TimeSpan patience)
    {
        if (!Opened.IsEmpty) throw new InvalidOperationException("an alert opened before the tipping events");
        var latencies = new List<double>();
        for (var r = 0; r < regions; r++)
        {
            var site = $"r{r}-s0";
            var at = _now.AddMinutes(-1);
            var sentAt = Clock.Elapsed.TotalMilliseconds;
            await producer.ProduceAsync(topic, Message(site, at, 3));
            var deadline = Clock.Elapsed + patience;
            while (!Opened.ContainsKey(site) && Clock.Elapsed < deadline) await Task.Delay(1);
            if (!Opened.TryGetValue(site, out var alert)) throw new InvalidOperationException($"no alert for {site}");
            if (alert.RaisedAt != at) throw new InvalidOperationException($"{site}: the alert was not tipped by the measured event");
            latencies.Add(alert.At - sentAt);
        }
        return latencies;
    }

    /// <summary>p50, p95, p99, max and mean of the latencies, and the first one (it pays the caught-up wait).</summary>
    public static string Describe(IReadOnlyList<double> latencies)
    {
        var sorted = latencies.Order().ToList();
        double P(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"{sorted.Count} samples: p50 {P(0.5):0.0}, p95 {P(0.95):0.0}, p99 {P(0.99):0.0}, max {sorted[^1]:0.0}, mean {sorted.Average():0.0}; the first {latencies[0]:0.0}");
    }

    private Message<string, byte[]> Message(string site, DateTimeOffset at, int rating) => new()
    {
        Key = site,
        Value = Encoding.UTF8.GetBytes(
            $$$"""{"eventId":"e{{{++_sequence}}}","occurredAt":"{{{at:O}}}","siteId":"{{{site}}}","channel":"store","ratings":{"waiting-time":{{{rating}}}}}"""),
    };
}
