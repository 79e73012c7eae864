using StreamCx.Kafka;

namespace StreamCx.Host.Run;

/// <summary>What the health endpoints look at.</summary>
public sealed class EngineStatus
{
    /// <summary>The intake's consumer of the feedback topics.</summary>
    public IKafkaConsumerControl? Consumer { get; set; }

    /// <summary>The regions' consumer of the region topic.</summary>
    public IKafkaConsumerControl? RegionConsumer { get; set; }

    public bool IsReady => Consumer is { IsConnected: true, AssignedPartitions.Count: > 0 };
}
