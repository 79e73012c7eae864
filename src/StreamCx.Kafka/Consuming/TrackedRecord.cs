namespace StreamCx.Kafka;

/// <summary>A consumed record with the <see cref="PartitionLedger"/> epoch of its partition when it was consumed.</summary>
internal readonly record struct TrackedRecord(ConsumedRecord Record, long Epoch);
