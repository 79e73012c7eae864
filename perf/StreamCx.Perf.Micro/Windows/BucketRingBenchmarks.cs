using BenchmarkDotNet.Attributes;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Windows;
using StreamCx.Perf.Micro.Workload;

namespace StreamCx.Perf.Micro.Windows;

/// <summary>
/// The sliding window of one site-attribute in steady state: the ring is full and event time keeps moving forward
/// (one rating a minute, so a new 15-minute bucket replaces the oldest every 15 adds).
/// </summary>
[MemoryDiagnoser]
public class BucketRingBenchmarks
{
    private const int Batch = 1024;
    private readonly double[] _values = new double[Batch];
    private BucketRing _ring = null!;
    private DateTimeOffset _time;
    private int _peerBuckets;

    [GlobalSetup]
    public void Setup()
    {
        var settings = new DetectionSettings();
        var clock = new BucketClock(settings.BucketWidth);
        _ring = new BucketRing(clock, clock.BucketsIn(settings.RingSpan));
        _peerBuckets = clock.BucketsIn(settings.PeerWindow);
        var model = new RatingModel(3);
        _time = WarmedAttribute.Start;
        for (var i = 0; i < Batch; i++) _values[i] = model.Rating(_time.AddMinutes(i));
        Add();
        Add(); // 2 × 1024 minutes (34 h) fill the ring (~29.5 h)
    }

    /// <summary>One observation into its bucket (the loop adds a batch so the per-call overhead does not dominate).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void Add()
    {
        var t = _time;
        foreach (var v in _values)
        {
            _ring.Add(t, v, v <= 2);
            t += WarmedAttribute.Spacing;
        }
        _time = t;
    }

    /// <summary>Count, sum and squares over the 12 h peer window (48 buckets): the read every evaluation repeats.</summary>
    [Benchmark]
    public WindowStats StatsOverPeerWindow() => _ring.Stats(_ring.Newest - _peerBuckets + 1, _ring.Newest);
}
