namespace StreamCx.Perf.EndToEnd;

/// <summary>Everything one run of the harness measured, as written to e2e.json.</summary>
public sealed record E2eResults(
    MachineInfo Machine, string Command, string? Note, SustainedResult? Sustained, IReadOnlyList<LatencyResult> Latency,
    IReadOnlyList<MemoryResult> Memory, ReplayResult? Replay, IReadOnlyList<LoadSample> Load);

/// <summary>One alternating pair; <c>Late</c> / <c>TooLate</c>: the engine's count of events applied late / too late for any window (0 expected).</summary>
public sealed record SustainedRun(double BareRecordsPerSecond, double EngineEventsPerSecond, double Ratio, long Late, long TooLate)
{
    /// <summary>CPU time of the whole process during the engine run, per event (engine, and the mock broker when in process).</summary>
    public double EngineCpuMicrosPerEvent { get; init; }

    /// <summary>JIT and GC activity of the process during the engine run.</summary>
    public RuntimeActivity? EngineRuntime { get; init; }
}

public sealed record SustainedResult(
    string Cluster, int Events, int AverageEventBytes, int Topics, double ProduceEventsPerSecond, IReadOnlyList<SustainedRun> Runs,
    double MedianBareRecordsPerSecond, double MedianEngineEventsPerSecond, double MedianRatio)
{
    /// <summary>Engine runs before the measured ones (until one JIT-compiled at most 50 methods).</summary>
    public int WarmUpRuns { get; init; }
}

public sealed record LatencyResult(
    string Cluster, string FetchWaitMaxMs, int ProducerLingerMs, string RateSource, double TargetEventsPerSecond, double AchievedEventsPerSecond,
    double LoadSeconds, long EventsProduced, int Scenarios, int TipsPerSecond, int Alerts, int Missed, int WrongTip, long MaxLag, long LagAtEnd,
    long OtherAlerts, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double MeanMs, string MeasuredFrom)
{
    /// <summary>Seconds of the same load without tipping events before the measured load (then the engine caught up).</summary>
    public int SettleSeconds { get; init; }
}

public sealed record MemoryResult(
    string Gc, int Sites, int Attributes, int EventsPerSite, int Actors, long BaselineRssBytes, long RssBytes, long BaselineHeapBytes, long HeapBytes,
    long GcHeapSizeBytes, long GcCommittedBytes, double RssBytesPerActor, double HeapBytesPerActor, long RatingsRestored, double FeedSeconds);

public sealed record ReplayResult(int Events, IReadOnlyList<ReplayRun> Runs, double MedianWallEventsPerSecond, double MedianReportedEventsPerSecond, long Alerts);

/// <summary>One child process: wall clock (process start to exit) and the rate <c>replay</c> prints itself (read + sort + process + write).</summary>
public sealed record ReplayRun(double WallSeconds, double WallEventsPerSecond, double ReportedSeconds, double ReportedEventsPerSecond);

/// <summary>The machine's load average when a step started: others share the 2 cores.</summary>
public sealed record LoadSample(string Step, string LoadAverage);
