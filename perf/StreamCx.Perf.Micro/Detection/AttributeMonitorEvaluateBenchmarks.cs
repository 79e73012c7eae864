using BenchmarkDotNet.Attributes;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Processing;
using StreamCx.Perf.Micro.Workload;

namespace StreamCx.Perf.Micro.Detection;

/// <summary>
/// <see cref="AttributeMonitor.Evaluate"/> on a monitor warmed with four days (daily profile learned) and the peer
/// values of its region: the three detectors, the recent window and the alert lifecycle. Evaluating again with no
/// new data changes nothing, so each call is the steady state: Quiet returns no alert; Irritant holds the alert that
/// the setup's first evaluation opened (no emission, the lifecycle only remembers the worst level).
/// </summary>
[MemoryDiagnoser]
public class AttributeMonitorEvaluateBenchmarks
{
    private WarmedAttribute _warmed = null!;

    [Params(Scenario.Quiet, Scenario.Irritant)]
    public Scenario Scenario { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _warmed = WarmedAttribute.Build(Scenario);
        var first = Evaluate();
        Console.WriteLine($"// {Scenario}: first evaluation -> {Describe(first)}");
        if ((first is null) != (Scenario == Scenario.Quiet))
            throw new InvalidOperationException($"{Scenario}: unexpected first evaluation {Describe(first)}");
        if (Evaluate() is { } again) throw new InvalidOperationException($"{Scenario}: a second evaluation emitted {Describe(again)}");
    }

    [Benchmark]
    public Alert? Evaluate() => _warmed.Monitor.Evaluate(_warmed.Peers, _warmed.Importance, _warmed.EmittedAt);

    private static string Describe(Alert? a) =>
        a is null ? "no alert" : $"{a.Status} severity {a.Severity} factors [{string.Join(", ", a.Factors.Select(f => f.Kind))}]";
}
