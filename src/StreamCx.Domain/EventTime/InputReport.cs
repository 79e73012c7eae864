namespace StreamCx.Domain.EventTime;

/// <summary>
/// What the engine reading a source partition says of it: its corroborated event time (null while unknown) and whether
/// it is read to its end. Written to every partition of the region topic after the events it covers, so the engine
/// that owns a region knows how far every input has come without reading the inputs itself (Flink's watermarks across
/// a repartition).
/// </summary>
public sealed record InputReport(string Input, DateTimeOffset? Time, bool CaughtUp);
