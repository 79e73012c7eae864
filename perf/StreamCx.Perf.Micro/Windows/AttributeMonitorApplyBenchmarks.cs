using BenchmarkDotNet.Attributes;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Windows;
using StreamCx.Perf.Micro.Workload;

namespace StreamCx.Perf.Micro.Windows;

/// <summary>
/// <see cref="AttributeMonitor.Apply"/> in steady state: a monitor warmed with four days, then fresh observations one
/// minute apart (window, NPS pairs, hourly profile learning, and the verbatim buffer when the rating has a comment).
/// Observations are immutable and time must move forward, so each iteration gets a new batch from an iteration setup
/// (not measured) and a fixed invocation count that consumes exactly that batch.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(BatchSize, 16)]
public class AttributeMonitorApplyBenchmarks
{
    private const int BatchSize = 1 << 19;
    private static readonly string[] EventIds = Enumerable.Range(0, 1024).Select(i => $"evt-{i:D9}").ToArray();
    private readonly AttributeObservation[] _batch = new AttributeObservation[BatchSize];
    private WarmedAttribute _warmed = null!;
    private RatingModel _model = null!;
    private DateTimeOffset _time;
    private int _next;

    /// <summary>Whether every observation carries a comment (the verbatim path) or none does.</summary>
    [Params(false, true)]
    public bool WithComment { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _warmed = WarmedAttribute.Build(Scenario.Quiet);
        _model = new RatingModel(7);
        _time = _warmed.Now;
    }

    [IterationSetup]
    public void NextBatch()
    {
        var attributeId = _warmed.Attribute.AttributeId;
        for (var i = 0; i < BatchSize; i++)
        {
            _time += WarmedAttribute.Spacing;
            var value = _model.Rating(_time);
            var comment = WithComment ? Comments.Pick(i) : null;
            _batch[i] = new AttributeObservation(attributeId, EventIds[i % EventIds.Length], _time, "store", value, _model.Nps(value), comment);
        }
        _next = 0;
    }

    [Benchmark]
    public void Apply() => _warmed.Monitor.Apply(_batch[_next++], Lateness.OnTime);
}
