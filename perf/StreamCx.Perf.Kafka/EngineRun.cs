using System.Diagnostics;

namespace StreamCx.Perf.Kafka;

/// <summary>Consume-to-state: the in-process engine over the topics in a new group.</summary>
public static class EngineRun
{
    /// <summary>Seconds from the first record consumed to the last of <paramref name="count"/> applied to its site (the group join is not counted).</summary>
    public static async Task<double> RunAsync(Target target, IReadOnlyList<string> topics, int count)
    {
        await using var engine = new InProcessEngine(target.For(topics, $"engine-{Guid.NewGuid():N}"), Workload.Catalog);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (engine.Control.ConsumedCount == 0)
        {
            Check(deadline, engine, count);
            Thread.Sleep(1);
        }

        var clock = Stopwatch.StartNew();
        while (engine.Processed < count)
        {
            Check(deadline, engine, count);
            Thread.Sleep(2);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (engine.Counters.Rejected > 0 || engine.Counters.Duplicates > 0)
        {
            throw new InvalidOperationException($"the workload should be clean: {engine.Counters.Rejected} rejected, {engine.Counters.Duplicates} duplicates");
        }

        return seconds;
    }

    private static void Check(DateTime deadline, InProcessEngine engine, int count)
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"engine: {engine.Processed} of {count} records processed");
        }
    }
}
