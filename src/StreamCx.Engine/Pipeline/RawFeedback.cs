namespace StreamCx.Engine.Pipeline;

/// <summary>Where a message came from: enough to commit it and to dead-letter it.</summary>
public sealed record SourcePosition(string Topic, int Partition, long Offset)
{
    public override string ToString() => $"{Topic}[{Partition}]@{Offset}";
}

/// <summary>The bytes of one incoming message, before parsing.</summary>
public sealed record RawFeedback(ReadOnlyMemory<byte> Value, SourcePosition Position)
{
    /// <summary>The message key (the site id, by contract), when it was valid text.</summary>
    public string? Key { get; init; }

    /// <summary>Stopwatch timestamp at which the message was taken from Kafka (0 when unknown), for latency metrics.</summary>
    public long ConsumedAt { get; init; }

    /// <summary>Not a message: its partition was read to its end (the input is caught up). Never parsed, counted or stored.</summary>
    public bool EndOfPartition { get; init; }
}
