using StreamCx.Kafka;
using StreamCx.Perf.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>A measurement on librdkafka's mock cluster in this process, written with its command line, machine and load average.</summary>
public static class OnMockCluster
{
    public static async Task<int> WriteAsync(string[] args, Options options, string file, Func<Target, Task<string>> measure)
    {
        var loadBefore = MachineInfo.LoadAverage();
        using var mockCluster = options.RealBroker ? throw new ArgumentException("--mixed and --surge run on the mock cluster only") : new EmbeddedKafkaCluster();
        var table = await measure(Target.Mock(mockCluster));
        var described = MachineInfo.Describe();
        var text = $"{Options.CommandLine(args)}\n\n{described}\nload average (1/5/15 min) before: {loadBefore}; after: {MachineInfo.LoadAverage()}\n\n{table}";
        Directory.CreateDirectory(options.OutputDir);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDir, file), text);
        Console.WriteLine(text);
        return 0;
    }
}
