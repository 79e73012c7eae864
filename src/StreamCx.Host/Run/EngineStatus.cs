using StreamCx.Host.Metrics.Kafka;
using StreamCx.Kafka;

namespace StreamCx.Host.Run;

/// <summary>What the health endpoints look at.</summary>
public sealed class EngineStatus
{
    private IKafkaConsumerControl? _consumer;

    /// <summary>The intake's consumer of the feedback topics; its statistics reports give <see cref="ConsumerGroupState"/>.</summary>
    public IKafkaConsumerControl? Consumer
    {
        get => _consumer;
        set
        {
            _consumer = value;
            if (value is not null) value.StatisticsReported += (_, e) => ConsumerGroupState = LibrdkafkaStatistics.Parse(e.Json)?.GroupState ?? ConsumerGroupState;
        }
    }

    /// <summary>The regions' consumer of the region topic.</summary>
    public IKafkaConsumerControl? RegionConsumer { get; set; }

    /// <summary>
    /// The feedback consumer's group state in its last librdkafka statistics report ("up, steady"; "wait-coord, init"
    /// while no group coordinator answers); null before the first report or with statistics off.
    /// </summary>
    public string? ConsumerGroupState { get; private set; }

    public bool IsReady => Consumer is { IsConnected: true, AssignedPartitions.Count: > 0 };
}
