namespace StreamCx.Domain.Contracts;

/// <summary>
/// The factor of a grouped alert (kind <c>group</c>): one attribute fell at many sites at once, of one region
/// (<see cref="Scope"/> <c>region</c>) or of several (<c>network</c>). Names every site of the move, the regions, since when
/// (event time of the first member's alert), the median of the members' scores, and the alerts the group folds: for a
/// region group, the site alerts notified before the group formed; for a network group, the region groups it joins.
/// </summary>
public sealed record GroupFactor(
    string Scope,
    DateTimeOffset Since,
    double MedianMean,
    IReadOnlyList<string> SiteIds,
    IReadOnlyList<string> RegionIds,
    IReadOnlyList<string> FoldedAlertIds) : Factor
{
    public const string RegionScope = "region";
    public const string NetworkScope = "network";
}
