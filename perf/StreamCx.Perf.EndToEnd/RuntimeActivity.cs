using System.Runtime;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// What the runtime itself did during a measured interval: methods JIT-compiled (tier-up included) and the time spent
/// compiling them (summed over threads), garbage collections per generation and their pauses.
/// </summary>
public sealed record RuntimeActivity(long JitMethods, double JitMs, int Gen0, int Gen1, int Gen2, double GcPauseMs)
{
    public static RuntimeActivity Now() => new(
        JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime().TotalMilliseconds,
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds);

    public RuntimeActivity Since(RuntimeActivity start) => new(
        JitMethods - start.JitMethods, JitMs - start.JitMs, Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, GcPauseMs - start.GcPauseMs);

    public override string ToString() =>
        $"JIT {JitMethods} methods {JitMs:0} ms, GC {Gen0}/{Gen1}/{Gen2} pauses {GcPauseMs:0} ms";
}
