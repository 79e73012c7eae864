using Confluent.Kafka;

namespace StreamCx.Kafka;

/// <summary>Produce errors worth another attempt: the same record may succeed a moment later.</summary>
internal static class TransientProduceErrors
{
    private static readonly HashSet<ErrorCode> Codes =
    [
        ErrorCode.Local_QueueFull,
        ErrorCode.Local_MsgTimedOut,
        ErrorCode.Local_TimedOut,
        ErrorCode.Local_TimedOutQueue,
        ErrorCode.Local_Transport,
        ErrorCode.Local_AllBrokersDown,
        ErrorCode.Local_UnknownPartition,
        ErrorCode.UnknownTopicOrPart,
        ErrorCode.LeaderNotAvailable,
        ErrorCode.NotLeaderForPartition,
        ErrorCode.RequestTimedOut,
        ErrorCode.NetworkException,
        ErrorCode.NotEnoughReplicas,
        ErrorCode.NotEnoughReplicasAfterAppend,
        ErrorCode.KafkaStorageError,
    ];

    public static bool IsTransient(Error error) => !error.IsFatal && Codes.Contains(error.Code);
}
