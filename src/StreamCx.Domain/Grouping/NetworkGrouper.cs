using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Grouping;

/// <summary>
/// Network-level grouping, a pure function of the region groups' emissions taken in <see cref="NetworkGrouping"/>'s
/// event-time order: when region groups open on one attribute in ≥ <see cref="DetectionSettings.MinGroupRegions"/> regions
/// within <see cref="DetectionSettings.GroupWindow"/>, ONE network group names every site of them ("Product availability
/// fell at 17 sites in 6 regions since 13:00") and folds the region groups under it; a region group that opens while it
/// takes members (until <see cref="DetectionSettings.GroupInterval"/> after its last join; later, a new network group forms
/// of its own) or a member that grows updates it; it resolves when every region group of it has resolved. Site alerts do
/// not go through it: each region decides those where it is evaluated.
/// </summary>
public sealed class NetworkGrouper
{
    private readonly ReferenceCatalog _catalog;
    private readonly MoveTracker _tracker;

    public NetworkGrouper(ReferenceCatalog catalog, DetectionSettings settings)
    {
        _catalog = catalog;
        _tracker = new MoveTracker(
            GroupFactor.NetworkScope, settings.GroupWindow, settings.GroupInterval, c => c.Select(m => m.Key).Distinct(StringComparer.Ordinal).Count() >= settings.MinGroupRegions);
    }

    /// <summary>What the grouper knows, as plain data (for a snapshot).</summary>
    public GroupingState State => _tracker.State;

    public void Restore(GroupingState state) => _tracker.Restore(state);

    /// <summary>The network group's emission caused by this alert, if any (only region groups cause one).</summary>
    public Alert? Route(Alert alert)
    {
        if (GroupAlerts.FactorOf(alert, GroupFactor.RegionScope) is not { } g) return null;
        var member = new MoveMember(alert.RegionId, alert.AlertId, g.Since, alert.Score.Mean, alert.Score.DissatisfiedPct, alert.Score.Count, alert.Severity,
            g.SiteIds, g.RegionIds, MemberRole.Folded);
        var change = alert.Status switch
        {
            AlertStatus.Open => _tracker.Open(alert.AttributeId, member, alert.RaisedAt),
            AlertStatus.Updated => _tracker.Change(alert.AttributeId, member),
            _ => _tracker.Close(alert.AttributeId, alert.AlertId),
        };
        return change is { } c
            ? GroupAlerts.Build(c.Move, c.Status, GroupFactor.NetworkScope, _catalog, alert.RaisedAt, alert.EmittedAt, alert.Verbatims)
            : null;
    }
}
