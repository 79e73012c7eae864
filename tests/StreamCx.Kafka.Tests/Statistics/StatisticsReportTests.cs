using System.Collections.Concurrent;
using System.Text.Json;
using Akka.Streams.Dsl;

namespace StreamCx.Kafka.Tests.Statistics;

/// <summary>The librdkafka statistics hooks: consumer and producer raise each report when statistics.interval.ms is set.</summary>
[Collection(KafkaCollection.Name)]
public sealed class StatisticsReportTests(EmbeddedKafkaFixture kafka)
{
    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task The_consumer_reports_statistics_with_its_partitions_once_assigned()
    {
        var settings = kafka.NewSettings("stats-consumer");
        settings.Properties["statistics.interval.ms"] = "100";
        kafka.Cluster.EnsureTopics(settings.Topics);
        var reports = new ConcurrentQueue<string>();
        var (control, _) = KafkaRecordSource.Create(settings)
            .ToMaterialized(Sink.Ignore<ConsumedRecord>(), Keep.Both)
            .Run(kafka.Materializer);
        control.StatisticsReported += (_, e) => reports.Enqueue(e.Json);
        try
        {
            await Poll.UntilAsync(() => control.AssignedPartitions.Count == 4, TimeSpan.FromSeconds(30), "the assignment");
            var startedAt = reports.Count;
            await Poll.UntilAsync(() => reports.Count > startedAt, TimeSpan.FromSeconds(10), "a statistics report after the assignment");
            var report = Parse(reports.Last());
            Assert.Equal("consumer", report.GetProperty("type").GetString());
            var partitions = report.GetProperty("topics").GetProperty(settings.Topics[0]).GetProperty("partitions");
            Assert.True(partitions.TryGetProperty("3", out _), partitions.ToString());
        }
        finally
        {
            await control.StopAsync();
        }
    }

    [Fact]
    public async Task Without_a_statistics_interval_the_consumer_reports_nothing()
    {
        var settings = kafka.NewSettings("stats-off");
        kafka.Cluster.EnsureTopics(settings.Topics);
        var reports = 0;
        var (control, _) = KafkaRecordSource.Create(settings)
            .ToMaterialized(Sink.Ignore<ConsumedRecord>(), Keep.Both)
            .Run(kafka.Materializer);
        control.StatisticsReported += (_, _) => Interlocked.Increment(ref reports);
        try
        {
            await Poll.UntilAsync(() => control.AssignedPartitions.Count == 4, TimeSpan.FromSeconds(30), "the assignment");
            await Task.Delay(500);
            Assert.Equal(0, Volatile.Read(ref reports));
        }
        finally
        {
            await control.StopAsync();
        }
    }

    [Fact]
    public async Task A_throwing_statistics_handler_does_not_stop_the_consumer()
    {
        var settings = kafka.NewSettings("stats-throw");
        settings.Properties["statistics.interval.ms"] = "100";
        kafka.Cluster.EnsureTopics(settings.Topics);
        var calls = 0;
        var (control, done) = KafkaRecordSource.Create(settings)
            .ToMaterialized(Sink.Ignore<ConsumedRecord>(), Keep.Both)
            .Run(kafka.Materializer);
        control.StatisticsReported += (_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("handler bug");
        };
        try
        {
            await Poll.UntilAsync(() => Volatile.Read(ref calls) >= 3, TimeSpan.FromSeconds(30), "three statistics reports");
            Assert.False(done.IsCompleted);
            Assert.NotEqual(KafkaConsumerState.Failed, control.State);
        }
        finally
        {
            await control.StopAsync();
        }
    }

    [Fact]
    public async Task The_record_producer_reports_statistics()
    {
        var settings = kafka.NewSettings("stats-producer");
        settings.Properties["statistics.interval.ms"] = "100";
        var reports = new ConcurrentQueue<string>();
        using var producer = new RecordProducer(settings);
        producer.StatisticsReported += (_, e) => reports.Enqueue(e.Json);
        await producer.ProduceAsync(settings.AlertsTopic, "k", [1]);
        await Poll.UntilAsync(() => reports.Any(r => Parse(r).GetProperty("txmsgs").GetInt64() >= 1), TimeSpan.FromSeconds(10), "a report counting the record");
        Assert.Equal("producer", Parse(reports.Last()).GetProperty("type").GetString());
    }
}
