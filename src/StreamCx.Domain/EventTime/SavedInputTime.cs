namespace StreamCx.Domain.EventTime;

/// <summary>
/// How far an input had come, as a region saved it with its held events: the input's <paramref name="Time"/> and whether
/// it was read to its end, learnt from the records of <paramref name="Channel"/> (the region-topic partition its reports
/// came through, or the input itself when read directly) up to <paramref name="Position"/>. Whoever restores it may count
/// on it once it has read that channel up to that position (or to its end): every event the time covers has then reached
/// it, restored or read again, so nothing released on the strength of it can come later. Kafka Streams keeps a partition's
/// time in its commit metadata for the same purpose; confluent-kafka-dotnet cannot commit metadata
/// (confluentinc/confluent-kafka-dotnet#2112).
/// </summary>
public sealed record SavedInputTime(string Input, DateTimeOffset Time, bool CaughtUp, string Channel, long Position)
{
    /// <summary>The saved state as its reader would report it.</summary>
    public InputReport ToReport() => new(Input, Time, CaughtUp);
}
