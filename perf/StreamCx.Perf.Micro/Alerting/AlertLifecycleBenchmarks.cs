using BenchmarkDotNet.Attributes;
using StreamCx.Domain.Alerting;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Windows;
using StreamCx.Perf.Micro.Workload;

namespace StreamCx.Perf.Micro.Alerting;

/// <summary>
/// <see cref="AlertLifecycle.Step"/> with the signals the detectors give on the warmed site-attribute. Quiet: no signal
/// and no open alert (the path nearly every event takes). Irritant: the alert is open (the setup's first step opened
/// it) and its factors still hold, unchanged, so the step decides not to emit.
/// </summary>
[MemoryDiagnoser]
public class AlertLifecycleBenchmarks
{
    private AlertLifecycle _lifecycle = null!;
    private WarmedAttribute _warmed = null!;
    private Signal[] _signals = [];
    private WindowStats _recent;

    [Params(Scenario.Quiet, Scenario.Irritant)]
    public Scenario Scenario { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _warmed = WarmedAttribute.Build(Scenario);
        var w = _warmed;
        _recent = w.Recent;
        _signals = new[]
        {
            TrendDetector.Evaluate(w.Ring, w.Current, w.Monitor.Profile, w.Attribute.Range, w.Settings),
            PeerComparison.Evaluate(w.Monitor.PeerWindowStats, _recent, w.Peers, w.Attribute.Range, w.Settings),
            ExpectationDetector.Evaluate(w.Ring, w.Current, w.Monitor.Profile, w.Attribute.Range, w.Settings),
        }.OfType<Signal>().ToArray();
        _lifecycle = new AlertLifecycle(w.Site.SiteId, w.Attribute.AttributeId, w.Settings);
        var first = Step();
        Console.WriteLine($"// {Scenario}: {_signals.Length} signal(s); first step -> {first?.Status.ToString() ?? "nothing"}");
        if (Step() is { } again) throw new InvalidOperationException($"{Scenario}: a second step emitted {again.Status}");
    }

    [Benchmark]
    public AlertDecision? Step() => _lifecycle.Step(_signals, _warmed.Importance, _recent, _warmed.Now);
}
