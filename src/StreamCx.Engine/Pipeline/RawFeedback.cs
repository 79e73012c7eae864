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

    /// <summary>
    /// The source partition ("topic/partition") the event was first read from, when it came through the region topic:
    /// its input of event time (otherwise the input is <see cref="Position"/>'s partition).
    /// </summary>
    public string? Input { get; init; }

    /// <summary>Where the message was first read, when it came through the region topic (<see cref="Position"/> is then the region topic's).</summary>
    public SourcePosition? Source { get; init; }

    /// <summary>
    /// A copy for the journeys only (a record of the region topic placed by journey or account id): what of the message
    /// the journeys of its partition apply. Null for every other record.
    /// </summary>
    public Domain.Journeys.JourneyParts? JourneyParts { get; init; }

    /// <summary>Not feedback: the intake's reports on the inputs it reads (a record of the region topic). Never parsed or counted.</summary>
    public IReadOnlyList<Domain.EventTime.InputReport>? Reports { get; init; }
}
