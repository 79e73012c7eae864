using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Contracts;
using StreamCx.Engine.Alerts;
using StreamCx.Host.Alerts;
using StreamCx.Kafka;

namespace StreamCx.Host.Tests.Alerts;

public sealed class AlertKafkaPublisherTests : IClassFixture<AlertKafkaPublisherTests.Cluster>
{
    private static readonly AlertKafkaPublisherOptions Fast = new()
    {
        InitialRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        DrainTimeout = TimeSpan.FromMilliseconds(500),
    };

    private readonly Cluster _cluster;

    public AlertKafkaPublisherTests(Cluster cluster) => _cluster = cluster;

    [Fact]
    public async Task Every_alert_emission_is_produced_to_the_alerts_topic_keyed_by_site_with_the_alert_json_in_order()
    {
        var kafka = _cluster.Settings();
        using var hub = new AlertHub(TimeProvider.System);
        using var producer = new RecordProducer(kafka);
        var logger = new ListLogger<AlertKafkaPublisher>();
        using var publisher = new AlertKafkaPublisher(hub, producer, kafka, logger, TimeProvider.System, Fast);
        await publisher.StartAsync(CancellationToken.None);

        var alerts = Enumerable.Range(1, 5).Select(i => Alert("store-lille-centre", i)).Append(Alert("store-amiens-centre", 1)).ToList();
        alerts.ForEach(hub.Publish);
        await WaitUntil(() => publisher.Delivered == alerts.Count, "all alerts delivered");
        await publisher.StopAsync(CancellationToken.None);

        var records = _cluster.ReadAll(kafka.AlertsTopic, alerts.Count);
        Assert.Equal(alerts.Select(a => (a.SiteId, ContractJson.Serialize(a))).Order(), records.Select(r => (r.Message.Key!, System.Text.Encoding.UTF8.GetString(r.Message.Value))).Order());
        var lille = records.Where(r => r.Message.Key == "store-lille-centre").ToList();
        Assert.Single(lille.Select(r => r.Partition).Distinct());
        Assert.Equal([1, 2, 3, 4, 5], lille.Select(r => ContractJson.DeserializeAlert(System.Text.Encoding.UTF8.GetString(r.Message.Value))!.Sequence));
        Assert.Equal(0, publisher.Pending);
        Assert.Equal(0, publisher.FailedAttempts);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_and_counted_and_an_alert_still_undelivered_at_the_stop_is_logged_in_full()
    {
        var kafka = new KafkaSettings { BootstrapServers = "127.0.0.1:9", AlertsTopic = "alerts" };
        kafka.Properties["message.timeout.ms"] = "100";
        using var hub = new AlertHub(TimeProvider.System);
        using var producer = new RecordProducer(kafka, options: new RecordProducerOptions { MaxAttempts = 1 });
        var logger = new ListLogger<AlertKafkaPublisher>();
        using var publisher = new AlertKafkaPublisher(hub, producer, kafka, logger, TimeProvider.System, Fast);
        await publisher.StartAsync(CancellationToken.None);

        var alert = Alert("store-lille-centre", 1);
        hub.Publish(alert);
        var saveMayGo = hub.WhenHandled(hub.Published); // what a snapshot taken after this emission waits for
        await WaitUntil(() => publisher.FailedAttempts >= 3, "three failed attempts");
        Assert.False(saveMayGo.IsCompleted, "a snapshot could be saved while its alert was not on the topic");
        Assert.Equal(1, publisher.Pending);
        Assert.Equal(0, publisher.Undeliverable);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains($"alert {alert.AlertId} (open #1) not delivered to alerts", StringComparison.Ordinal));

        await publisher.StopAsync(CancellationToken.None);

        Assert.Equal(0, publisher.Pending);
        Assert.Equal(1, publisher.Undeliverable);
        Assert.Equal(0, publisher.Delivered);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(ContractJson.Serialize(alert), StringComparison.Ordinal));
        Assert.True(saveMayGo.IsCompletedSuccessfully, "given up on (logged in full), it no longer holds snapshots back");
    }

    [Fact]
    public async Task An_alert_that_can_never_be_delivered_is_logged_in_full_and_does_not_hold_back_the_next_ones()
    {
        var kafka = _cluster.Settings();
        kafka.Properties["message.max.bytes"] = "1500";
        using var hub = new AlertHub(TimeProvider.System);
        using var producer = new RecordProducer(kafka);
        var logger = new ListLogger<AlertKafkaPublisher>();
        using var publisher = new AlertKafkaPublisher(hub, producer, kafka, logger, TimeProvider.System, Fast);
        await publisher.StartAsync(CancellationToken.None);

        var huge = Alert("store-lille-centre", 1) with { Explanation = new string('x', 5000) };
        var next = Alert("store-lille-centre", 2);
        hub.Publish(huge);
        hub.Publish(next);
        await WaitUntil(() => publisher.Delivered == 1, "the next alert delivered");
        await publisher.StopAsync(CancellationToken.None);

        Assert.Equal(1, publisher.Undeliverable);
        Assert.Equal(Fast.MaxPermanentFailures, publisher.FailedAttempts);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("MsgSizeTooLarge", StringComparison.Ordinal) && e.Message.Contains(ContractJson.Serialize(huge), StringComparison.Ordinal));
        var record = Assert.Single(_cluster.ReadAll(kafka.AlertsTopic, 1));
        Assert.Equal(ContractJson.Serialize(next), System.Text.Encoding.UTF8.GetString(record.Message.Value));
    }

    private static Alert Alert(string siteId, int sequence)
    {
        var at = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        return new Alert(
            $"alr-{siteId.GetHashCode(StringComparison.Ordinal):x8}00000000", sequence == 1 ? AlertStatus.Open : AlertStatus.Updated, sequence, siteId, "A site", "north",
            "waiting-time", "Waiting time", 0.7, SeverityLevel.High, [new PeerFactor(2.1, 4.2, -3.6, 8)], new ScoreSummary(2.1, 60, 35),
            at, at.AddSeconds(sequence), new TimeWindow(at.AddHours(-12), at), "Waiting time at A site is well below its peers.", []);
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>One embedded (mock) Kafka cluster for the class.</summary>
    public sealed class Cluster : IDisposable
    {
        private readonly EmbeddedKafkaCluster _cluster = new();

        public KafkaSettings Settings() => new()
        {
            BootstrapServers = _cluster.BootstrapServers,
            AlertsTopic = $"alerts-{Guid.NewGuid():N}",
        };

        public IReadOnlyList<ConsumeResult<string?, byte[]>> ReadAll(string topic, int count)
        {
            using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
            {
                BootstrapServers = _cluster.BootstrapServers,
                GroupId = $"reader-{Guid.NewGuid():N}",
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
            }).Build();
            consumer.Assign(Enumerable.Range(0, _cluster.PartitionCount(topic)).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
            var records = new List<ConsumeResult<string?, byte[]>>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (records.Count < count && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
                {
                    records.Add(result);
                }
            }

            Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(500))); // nothing more than expected
            return records;
        }

        public void Dispose() => _cluster.Dispose();
    }
}

