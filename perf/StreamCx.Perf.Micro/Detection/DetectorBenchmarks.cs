using BenchmarkDotNet.Attributes;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Windows;
using StreamCx.Perf.Micro.Workload;

namespace StreamCx.Perf.Micro.Detection;

/// <summary>
/// The three trigger detectors alone, on the same warmed site-attribute as the Evaluate benchmark (its ring, its learned
/// daily profile, its peers). Quiet: no factor holds; Irritant: the four-hour fall is found.
/// </summary>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private WarmedAttribute _warmed = null!;
    private WindowStats _peerWindow;
    private WindowStats _recent;

    [Params(Scenario.Quiet, Scenario.Irritant)]
    public Scenario Scenario { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _warmed = WarmedAttribute.Build(Scenario);
        _peerWindow = _warmed.Monitor.PeerWindowStats;
        _recent = _warmed.Recent;
        Console.WriteLine($"// {Scenario}: trend {Trend()?.Factor}, peer {Peer()?.Factor}, expectation {Expectation()?.Factor}");
    }

    [Benchmark]
    public Signal? Trend() => TrendDetector.Evaluate(_warmed.Ring, _warmed.Current, _warmed.Monitor.Profile, _warmed.Attribute.Range, _warmed.Settings);

    [Benchmark]
    public Signal? Peer() => PeerComparison.Evaluate(_peerWindow, _recent, _warmed.Peers, _warmed.Attribute.Range, _warmed.Settings);

    [Benchmark]
    public Signal? Expectation() => ExpectationDetector.Evaluate(_warmed.Ring, _warmed.Current, _warmed.Monitor.Profile, _warmed.Attribute.Range, _warmed.Settings);
}
