namespace StreamCx.Domain.EventTime;

/// <summary>
/// What the engine reading a source partition says of it: its corroborated event time (null while unknown), whether
/// it is read to its end, and whether it has been silent (no event, no end) for the idle timeout — a report of a silent
/// input is not a sign of its life, so it stops holding the others back as the input itself would. Written to every partition of the region topic after the events it covers, so the engine
/// that owns a region knows how far every input has come without reading the inputs itself (Flink's watermarks across
/// a repartition).
/// </summary>
public sealed record InputReport(string Input, DateTimeOffset? Time, bool CaughtUp, bool Idle = false);
