using StreamCx.Domain.Processing;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything a <see cref="SiteIntake"/> knows: its watermark, the event ids it remembers, its headline windows.</summary>
public sealed record SiteIntakeSnapshot(
    DateTimeOffset? NewestEventTime,
    IReadOnlyList<RememberedEventId> EventIds,
    IReadOnlyList<Bucket> Nps,
    IReadOnlyList<Bucket> Csat,
    IReadOnlyList<Bucket> Ces);

public sealed record RememberedEventId(DateTimeOffset At, string Id);
