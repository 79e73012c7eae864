using StreamCx.Kafka;

namespace StreamCx.Host.Run;

/// <summary>What the health endpoints look at.</summary>
public sealed class EngineStatus
{
    public IKafkaConsumerControl? Consumer { get; set; }

    public bool IsReady => Consumer is { IsConnected: true, AssignedPartitions.Count: > 0 };
}
