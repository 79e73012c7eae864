using StreamCx.Domain.Journeys;

namespace StreamCx.Domain.Snapshots;

/// <summary>One key of a <see cref="DueQueue"/> (a journey or account id) and the event time, in ticks, it next needs a look at.</summary>
public sealed record DueEntry(string Key, long Due);
