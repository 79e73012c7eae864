using System.Text.Json;
using StreamCx.Kafka;
using StreamCx.Perf.EndToEnd;
using StreamCx.Perf.Kafka;

// End-to-end figures in one run: (1) sustained events/s of the engine's ingestion graph against a bare consume loop,
// (2) event-to-alert latency at a steady load, (3) memory of 100,000 site-attribute actors, (4) replay throughput.
// Writes perf/results/e2e.json and perf/results/e2e.md.
//
//   dotnet run -c Release --project perf/StreamCx.Perf.EndToEnd
if (args.Length > 0 && args[0] == MemoryChild.Verb)
{
    return await MemoryChild.RunAsync(args);
}

var options = Options.Parse(args);
if (options.Mixed is { } kind)
{
    return await OnMockCluster.WriteAsync(args, options, kind == MixedKind.Journeys ? "e2e-mixed.md" : "listening-mixed.md", target => Mixed.MeasureAsync(target, options, kind));
}

if (options.Surge)
{
    return await OnMockCluster.WriteAsync(args, options, "listening-latency.md", target => Surge.MeasureAsync(target, options));
}

var machine = MachineInfo.Describe();
var load = new List<LoadSample>();
void Step(string name) => load.Add(new LoadSample(name, MachineInfo.LoadAverage()));
var workload = options.Sustained || options.Replay ? Workload.Create(options.Events) : null;
SustainedResult? sustained = null;
var latency = new List<LatencyResult>();

if (options.Sustained || options.Latency)
{
    RealBroker? broker = null;
    EmbeddedKafkaCluster? cluster = null;
    try
    {
        Target target;
        if (options.RealBroker)
        {
            Console.WriteLine("starting the real broker (tests/kafka/broker.sh)");
            broker = RealBroker.Start();
            target = Target.Real(broker, 10_000);
        }
        else
        {
            cluster = new EmbeddedKafkaCluster();
            target = Target.Mock(cluster);
        }

        if (options.Sustained)
        {
            Step("sustained");
            sustained = await Sustained.MeasureAsync(target, workload!, options.Runs);
        }

        if (options.Latency)
        {
            Step("latency");
            IEnumerable<(double, string)> rates = options.LatencyRate is { } r ? [(r, "--latency-rate")]
                : sustained is not null ? options.LatencyFractions.Select(f => (Math.Round(sustained.MedianEngineEventsPerSecond * f), $"{f:0.##} × the median sustained engine rate of step 1"))
                : throw new ArgumentException("--skip-sustained needs --latency-rate");
            foreach (var (rate, source) in rates)
            {
                latency.Add(await Latency.MeasureAsync(target, options, rate, source));
            }
        }
    }
    finally
    {
        cluster?.Dispose();
        broker?.Dispose();
    }
}

IReadOnlyList<MemoryResult> memory = [];
if (options.Memory)
{
    Step("memory");
    memory = Memory.Measure(options);
}

ReplayResult? replay = null;
if (options.Replay)
{
    Step("replay");
    replay = Replay.Measure(workload!, options.ReplayRuns);
}

Step("end");
var results = new E2eResults(machine, Options.CommandLine(args), options.Note, sustained, latency, memory, replay, load);
Directory.CreateDirectory(options.OutputDir);
var json = Path.Combine(options.OutputDir, "e2e.json");
var markdown = Path.Combine(options.OutputDir, "e2e.md");
await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, Report.Json) + "\n");
await File.WriteAllTextAsync(markdown, Report.Markdown(results, options));
Console.WriteLine($"written to {json} and {markdown}");
return 0;
