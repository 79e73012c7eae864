namespace StreamCx.Perf.Micro.Workload;

/// <summary>A wall clock that never moves: the parser's future-skew check and alert emission times stay deterministic.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
