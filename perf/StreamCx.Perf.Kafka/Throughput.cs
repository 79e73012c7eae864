namespace StreamCx.Perf.Kafka;

/// <summary>Alternating runs of the bare loop and the engine over the same topics of one target.</summary>
public sealed record Throughput(Target Target, int Events, IReadOnlyList<(double BareSeconds, double EngineSeconds)> Runs)
{
    public static async Task<Throughput> MeasureAsync(Target target, int events, int runCount)
    {
        var prefix = $"perf.throughput.{Guid.NewGuid():N}"[..28];
        Console.WriteLine($"{target.Name}: producing {events} events to {prefix}.0-7");
        var topics = Workload.Produce(target, prefix, events);
        Console.WriteLine($"{target.Name}: warm-up (one bare loop and one engine run, not reported)");
        BareLoop.Run(target, topics, events);
        await EngineRun.RunAsync(target, topics, events);
        var runs = new List<(double, double)>();
        for (var i = 0; i < runCount; i++)
        {
            var bare = BareLoop.Run(target, topics, events);
            var engine = await EngineRun.RunAsync(target, topics, events);
            runs.Add((bare, engine));
            Console.WriteLine($"  run {i + 1}: bare loop {events / bare:N0} records/s, engine {events / engine:N0} events/s, ratio {bare / engine:0.000}");
        }

        return new Throughput(target, events, runs);
    }

    public double BareRate(int run) => Events / Runs[run].BareSeconds;

    public double EngineRate(int run) => Events / Runs[run].EngineSeconds;

    public double Ratio(int run) => Runs[run].BareSeconds / Runs[run].EngineSeconds;
}
