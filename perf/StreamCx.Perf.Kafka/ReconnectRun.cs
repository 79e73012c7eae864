using System.Diagnostics;
using Confluent.Kafka;
using StreamCx.Host.Simulation;
using StreamCx.Kafka;

namespace StreamCx.Perf.Kafka;

/// <summary>One broker outage while a channel produces steadily and the engine consumes.</summary>
public sealed record Reconnect(int SessionTimeoutMs, double BrokerStartSeconds, double DetectedSeconds, double ReachableSeconds, double ConsumingSeconds, double ReadySeconds);

/// <summary>
/// Stops the real broker for a while, starts it again, and times the engine's return: when a broker answers it
/// again, when records flow to the sites again, when it is ready again (partitions assigned).
/// </summary>
public static class ReconnectRun
{
    public static async Task<IReadOnlyList<Reconnect>> RunAsync(RealBroker broker, Target target, int sessionTimeoutMs, int outages, TimeSpan outage)
    {
        var topic = $"perf.reconnect.{Guid.NewGuid():N}"[..30];
        target.EnsureTopic(topic);
        await using var engine = new InProcessEngine(target.For([topic], $"engine-{Guid.NewGuid():N}"), Workload.Catalog);
        await Until(() => engine.IsReady, TimeSpan.FromSeconds(60), "the engine to be ready");
        using var stop = new CancellationTokenSource();
        var production = Task.Run(() => Produce(target, topic, perSecond: 500, stop.Token));
        var results = new List<Reconnect>();
        try
        {
            for (var i = 0; i < outages; i++)
            {
                await Until(() => engine.IsReady && engine.Processed > 0, TimeSpan.FromSeconds(60), "records flowing");
                await Task.Delay(TimeSpan.FromSeconds(5));

                var down = Stopwatch.StartNew();
                broker.StopBroker();
                await Until(() => engine.Control.UnreachableSince is not null, TimeSpan.FromSeconds(60), "the outage to be noticed");
                var detected = down.Elapsed.TotalSeconds;
                await Task.Delay(outage - down.Elapsed);

                var launch = Stopwatch.StartNew();
                broker.StartBroker(); // returns once the broker logged "started"
                var brokerStart = launch.Elapsed.TotalSeconds;
                var up = Stopwatch.StartNew();
                var processedAtUp = engine.Processed;
                double? reachable = null, consuming = null, ready = null;
                while (reachable is null || consuming is null || ready is null)
                {
                    if (up.Elapsed > TimeSpan.FromMinutes(3))
                    {
                        throw new TimeoutException($"no reconnection within 3 minutes (reachable {reachable}, consuming {consuming}, ready {ready})");
                    }

                    reachable ??= engine.Control.UnreachableSince is null ? up.Elapsed.TotalSeconds : null;
                    consuming ??= engine.Processed > processedAtUp ? up.Elapsed.TotalSeconds : null;
                    ready ??= engine.IsReady && consuming is not null ? up.Elapsed.TotalSeconds : null;
                    await Task.Delay(10);
                }

                results.Add(new Reconnect(sessionTimeoutMs, brokerStart, detected, reachable.Value, consuming.Value, ready.Value));
                Console.WriteLine($"  outage {i + 1}: broker start {brokerStart:0.0} s; after it: reachable {reachable:0.00} s, consuming {consuming:0.00} s, ready {ready:0.00} s");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await production;
        }

        return results;
    }

    private static void Produce(Target target, string topic, int perSecond, CancellationToken stop)
    {
        var config = KafkaClientConfigFactory.CreateProducerConfig(target.Settings);
        config.MessageTimeoutMs = 300_000;
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        var simulator = new ChannelSimulator(Workload.Catalog, seed: 7, irritantStart: DateTimeOffset.UtcNow.AddHours(-3));
        var random = new Random(7);
        var started = Stopwatch.StartNew();
        long sent = 0;
        while (!stop.IsCancellationRequested)
        {
            while (sent < started.Elapsed.TotalSeconds * perSecond)
            {
                var site = Workload.Catalog.Sites[random.Next(Workload.Catalog.Sites.Count)];
                producer.Produce(topic, new Message<string, byte[]> { Key = site.SiteId, Value = simulator.Next(site, DateTimeOffset.UtcNow.AddSeconds(-1)) });
                sent++;
            }

            producer.Poll(TimeSpan.FromMilliseconds(10));
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }

    private static async Task Until(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(10);
        }
    }
}
