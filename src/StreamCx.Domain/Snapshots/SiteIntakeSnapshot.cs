using StreamCx.Domain.Processing;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything a <see cref="SiteIntake"/> knows: its watermark, the event ids it remembers, its headline windows, its units, its incidents.</summary>
public sealed record SiteIntakeSnapshot(
    DateTimeOffset? NewestEventTime,
    IReadOnlyList<RememberedEventId> EventIds,
    IReadOnlyList<Bucket> Nps,
    IReadOnlyList<Bucket> Csat,
    IReadOnlyList<Bucket> Ces)
{
    /// <summary>The scores per unit (null when the site has seen no unit, and in snapshots written before units were kept).</summary>
    public SiteUnitsSnapshot? Units { get; init; }

    /// <summary>The site's incidents (null when it keeps none, and in snapshots written before sites kept them).</summary>
    public IncidentBookSnapshot? Incidents { get; init; }

    /// <summary>The site's negative social mentions (null when it knows none, and in snapshots written before sites kept them).</summary>
    public SiteMentionsSnapshot? Mentions { get; init; }

    /// <summary>The site's days of incidents and ratings (null when it has none, and in snapshots written before sites kept them).</summary>
    public IReadOnlyList<SiteDaySnapshot>? Days { get; init; }
}

public sealed record RememberedEventId(DateTimeOffset At, string Id);
