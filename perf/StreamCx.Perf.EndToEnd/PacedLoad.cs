using System.Diagnostics;
using Confluent.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// A steady stream at <c>rate</c> events/s (checked every millisecond, caught up when behind), realistic events for the
/// sample sites with event time = now, each site to its partition; after <c>warmUp</c>, one tipping event every
/// 1/<c>tipRate</c> s in the same stream, until every scenario is tipped; then one more second of load
/// (<see cref="Run"/>). <see cref="RunWithoutTips"/>: the same stream without tipping events, for a set time.
/// </summary>
public sealed class PacedLoad(
    IProducer<string, byte[]> producer, SitePartitions partitions, FeedbackGenerator generator,
    PeerScenarios scenarios, double rate, int tipRate, TimeSpan warmUp, Action onFailure)
{
    private long _produced;

    public long Produced => Interlocked.Read(ref _produced);

    public double Seconds { get; private set; }

    public List<(string Site, string Attribute, DateTimeOffset At, long SentAt)> Tips { get; } = [];

    public void Run() => Run(warmUp + TimeSpan.FromSeconds((double)scenarios.Count / tipRate) + TimeSpan.FromSeconds(1), tips: true);

    public void RunWithoutTips(TimeSpan duration) => Run(duration, tips: false);

    private void Run(TimeSpan end, bool tips)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < end)
        {
            var elapsed = clock.Elapsed;
            var due = (long)(rate * elapsed.TotalSeconds);
            while (Interlocked.Read(ref _produced) < due)
            {
                var site = generator.NextSite();
                Producers.Produce(producer, partitions[site.SiteId], site.SiteId, generator.Next(site, DateTimeOffset.UtcNow), onFailure);
                Interlocked.Increment(ref _produced);
            }

            var tipsDue = !tips || elapsed < warmUp ? 0 : Math.Min(scenarios.Count, (int)((elapsed - warmUp).TotalSeconds * tipRate) + 1);
            while (Tips.Count < tipsDue)
            {
                var (site, attribute, at, value) = scenarios.Tip(Tips.Count);
                var sentAt = Stopwatch.GetTimestamp();
                Producers.Produce(producer, partitions[site], site, value, onFailure);
                Interlocked.Increment(ref _produced);
                Tips.Add((site, attribute, at, sentAt));
            }

            producer.Poll(TimeSpan.Zero);
            Thread.Sleep(1);
        }

        Seconds = clock.Elapsed.TotalSeconds;
    }
}
