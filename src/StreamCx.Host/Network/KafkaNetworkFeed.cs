using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Contracts;
using StreamCx.Engine.Grouping;
using StreamCx.Kafka;

namespace StreamCx.Host.Network;

/// <summary>
/// The regions' feed to the network grouping, whichever engine runs it: partition 0 of <see cref="KafkaSettings.NetworkTopic"/>,
/// written in the order of the calls (one request in flight, so a retry never reorders: a channel's pass never overtakes a
/// group raised before it). A record that cannot be delivered is logged; the network grouping then misses it.
/// </summary>
public sealed class KafkaNetworkFeed : INetworkFeed, IDisposable
{
    private readonly IProducer<string?, byte[]> _producer;
    private readonly TopicPartition _partition;
    private readonly ILogger _logger;

    public KafkaNetworkFeed(KafkaSettings kafka, ILogger<KafkaNetworkFeed> logger)
    {
        var config = KafkaClientConfigFactory.CreateProducerConfig(kafka);
        if (!kafka.Properties.ContainsKey("max.in.flight.requests.per.connection")) config.MaxInFlight = 1;
        if (!kafka.Properties.ContainsKey("linger.ms")) config.LingerMs = 5;
        _producer = new ProducerBuilder<string?, byte[]>(config).Build();
        _partition = new TopicPartition(kafka.NetworkTopic, 0);
        _logger = logger;
    }

    public void Group(Alert regionGroup) => Produce($"group/{regionGroup.AlertId}/{regionGroup.Sequence}", NetworkTopicRecord.Group(regionGroup));

    public void Reading(FeedbackEvent reading) => Produce($"reading/{reading.EventId}", NetworkTopicRecord.Reading(reading));

    public void Passed(string channel, DateTimeOffset through, int channels) => Produce($"passed/{channel}", NetworkTopicRecord.Passed(channel, through, channels));

    private void Produce(string key, byte[] value)
    {
        try
        {
            _producer.Produce(_partition, new Message<string?, byte[]> { Key = key, Value = value }, Delivered);
        }
        catch (KafkaException e)
        {
            Fail(key, e.Error);
        }
        catch (ObjectDisposedException)
        {
            Fail(key, new Error(ErrorCode.Local_Destroy, "the engine is stopping")); // a region's last group while the host shuts down
        }
    }

    private void Delivered(DeliveryReport<string?, byte[]> report)
    {
        if (report.Error.IsError) Fail(report.Message.Key ?? "", report.Error);
    }

    private void Fail(string key, Error error)
    {
        _logger.LogError("network topic record {Key} not delivered ({Reason}): the network groups miss it", key, error.Reason);
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}
